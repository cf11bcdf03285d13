// A cheap look at how deep a text nests before the YAML parser sees it. The parser recurses once
// per level, and a few hundred thousand levels ("- - - - …", "[[[[…") exhaust the stack; near
// that limit V8 has been seen to abort the whole process instead of throwing. Homepage files nest
// a dozen levels at most, so anything past these bounds is refused with its line.
import { ImportSyntaxError } from "./syntax-error";

const MAX_INDENT = 400;
const MAX_MARKERS = 64;
const MAX_FLOW = 64;

export function checkNesting(text: string, lineOf: (offset: number) => number): void {
  const refuse = (offset: number, what: string) => {
    const line = lineOf(offset);
    throw new ImportSyntaxError(`Line ${line}: ${what}; the configuration is nested too deeply to be a Homepage file.`, line, null);
  };
  let flow = 0;
  let lineStart = 0;
  while (lineStart <= text.length) {
    let end = text.indexOf("\n", lineStart);
    if (end < 0) end = text.length;
    let i = lineStart;
    while (i < end && (text[i] === " " || text[i] === "\t")) i++;
    if (i - lineStart > MAX_INDENT) refuse(lineStart, `more than ${MAX_INDENT} columns of indentation`);
    let markers = 0;
    while (i + 1 < end && (text[i] === "-" || text[i] === "?" || text[i] === ":") && (text[i + 1] === " " || text[i + 1] === "\t")) {
      i += 2;
      while (i < end && text[i] === " ") i++;
      if (++markers > MAX_MARKERS) refuse(lineStart, `more than ${MAX_MARKERS} nested "- " on one line`);
    }
    for (; i < end; i++) {
      const c = text[i];
      if (c === "#" && (i === lineStart || text[i - 1] === " " || text[i - 1] === "\t")) break;
      if (c === "[" || c === "{") {
        if (++flow > MAX_FLOW) refuse(i, `more than ${MAX_FLOW} nested [ or {`);
      } else if ((c === "]" || c === "}") && flow > 0) flow--;
    }
    lineStart = end + 1;
  }
}

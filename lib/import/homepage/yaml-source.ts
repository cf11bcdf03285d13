// Homepage's YAML (or the same as JSON from `nix eval --json`) parsed with line numbers, after its
// templates are filled in as Homepage does (substitute.ts). Malformed input is refused with the
// line and column of the first error in the text as written; so are alias bombs ("billion
// laughs"), texts nested past any Homepage file, and texts that are too large. Never throws
// anything but ImportSyntaxError, and the yaml library logs nothing (logLevel "error").
import { isAlias, isMap, isNode, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from "yaml";
import { checkNesting } from "./nesting";
import { substituteTemplates, type Substitution, type TemplateValues } from "./substitute";
import { ImportSyntaxError } from "./syntax-error";

export { ImportSyntaxError } from "./syntax-error";

export type SourceDoc = {
  root: Node | null;
  lineOf: (node: unknown) => number | null;
  toJS: (node: unknown) => unknown;
  deref: (node: unknown) => unknown;
  /** A key or scalar as text, with kept templates as written. */
  text: (node: unknown) => string;
  substitution: Substitution;
};

export const MAX_SOURCE_CHARS = 1_000_000;
/** How often an anchor may be expanded (the yaml library's count x aliases inside it). */
export const MAX_ALIAS_EXPANSION = 1000;

function firstLine(message: string): string {
  return message
    .split("\n")[0]
    .replace(/ at line \d+, column \d+:?$/, "")
    .replace(/:$/, "");
}

function lineStarts(text: string): LineCounter {
  const c = new LineCounter();
  c.addNewLine(0);
  for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) c.addNewLine(i + 1);
  return c;
}

function restoreDeep(value: unknown, restore: (s: string) => string): unknown {
  if (typeof value === "string") return restore(value);
  if (Array.isArray(value)) return value.map((v) => restoreDeep(v, restore));
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [restore(k), restoreDeep(v, restore)]));
  }
  return value;
}

function checkAliases(doc: Document) {
  try {
    doc.toJS({ maxAliasCount: MAX_ALIAS_EXPANSION });
  } catch (err) {
    if (err instanceof ReferenceError && /Excessive alias count/.test(err.message)) {
      throw new ImportSyntaxError(
        `The YAML expands its aliases (*name) more than ${MAX_ALIAS_EXPANSION} times; refused as an alias bomb ("billion laughs"). Homepage files repeat an anchor a few times at most.`,
        null,
        null,
      );
    }
    throw new ImportSyntaxError(`The YAML cannot be read: ${err instanceof Error ? firstLine(err.message) : "unknown error"}.`, null, null);
  }
}

/** Parses YAML or JSON text. Errors (bad indentation, tabs, duplicate keys, unclosed flows) throw ImportSyntaxError. */
export function parseSource(raw: string, templates?: TemplateValues): SourceDoc {
  if (typeof raw !== "string") throw new ImportSyntaxError("The configuration must be text.", null, null);
  if (raw.length > MAX_SOURCE_CHARS)
    throw new ImportSyntaxError(`The configuration is larger than ${MAX_SOURCE_CHARS} characters.`, null, null);
  const original = lineStarts(raw);
  const sub = substituteTemplates(raw, templates, MAX_SOURCE_CHARS);
  const posOf = (offset: number) => original.linePos(sub.toOriginal(offset));
  checkNesting(sub.text, (offset) => posOf(offset).line);

  let doc: Document;
  try {
    doc = parseDocument(sub.text, { uniqueKeys: true, strict: true, merge: true, logLevel: "error", prettyErrors: false });
  } catch (err) {
    throw new ImportSyntaxError(`The YAML cannot be read: ${err instanceof Error ? firstLine(err.message) : "unknown error"}.`, null, null);
  }
  const error = doc.errors[0];
  if (error) {
    const pos = posOf(error.pos[0]);
    const at = sub.toOriginal(error.pos[0]);
    const line = original.linePos(at).line;
    const near = sub.filled.find((f) => original.linePos(f.start).line === line);
    const hint = near
      ? ` (after {{${near.key}}} on this line was filled in: Homepage puts the values into the text before it reads the YAML, so a value with quotes, ": " or " #" breaks the file there too)`
      : "";
    throw new ImportSyntaxError(`Line ${pos.line}, column ${pos.col}: ${firstLine(error.message)}${hint}.`, pos.line, pos.col);
  }
  checkAliases(doc);

  const lineOf = (node: unknown): number | null => {
    const range = (node as { range?: [number, number, number] } | null)?.range;
    return range ? posOf(range[0]).line : null;
  };
  const root = (doc.contents ?? null) as Node | null;
  const toJS = (node: unknown): unknown => {
    if (!isNode(node)) return node;
    try {
      return restoreDeep(node.toJS(doc, { maxAliasCount: MAX_ALIAS_EXPANSION }), sub.restore);
    } catch {
      return undefined; // checkAliases has already refused anything toJS could throw for
    }
  };
  /** An alias (*name) stands for the node it points at. */
  const deref = (node: unknown): unknown => (isAlias(node) ? (node.resolve(doc) ?? null) : node);
  const text = (node: unknown): string => {
    const v = isScalar(node) ? node.value : node;
    return sub.restore(v === null || v === undefined || typeof v === "object" ? "" : String(v)).trim();
  };
  return { root, lineOf, toJS, deref, text, substitution: sub };
}

/** A top-level `{ services: [...], bookmarks: [...] }` (e.g. all of services.homepage-dashboard) gives the chosen list. */
export function pickList(doc: SourceDoc, kind: "services" | "bookmarks"): Node | null {
  const root = doc.root;
  if (isMap(root)) {
    const item = root.items.find((p) => doc.text(p.key) === kind);
    if (item && (isSeq(item.value) || item.value === null)) return (item.value as Node | null) ?? null;
  }
  return root;
}

/** The first keys of a top-level `widgets` list (Homepage's info widgets), when the text has one. */
export function widgetNames(doc: SourceDoc): string[] | null {
  const root = doc.root;
  if (!isMap(root)) return null;
  const item = root.items.find((p) => doc.text(p.key) === "widgets");
  if (!item || !isSeq(item.value)) return null;
  return item.value.items.map((w) => (isMap(w) && w.items[0] ? doc.text(w.items[0].key) : "?"));
}

// Homepage's template substitution, done the way Homepage does it: in the RAW TEXT, before the
// YAML is read (gethomepage/homepage src/utils/config/config.js, substituteEnvironmentVars(), called
// by servicesFromConfig() in service-helpers.js and bookmarksResponse() in api-response.js on the
// file contents). Homepage replaces exactly "{{KEY}}" for every variable in its environment whose
// name starts with HOMEPAGE_VAR_ (the value) or HOMEPAGE_FILE_ (the contents of the file it names,
// as read, trailing newline included). So `href: {{HOMEPAGE_VAR_URL}}` is a plain string once
// filled, and a value with a quote or ": " in it breaks the YAML there, in Homepage and here alike.
//
// Differences, on purpose: one pass (Homepage's replaceAll loop can also fill a template that a
// value brought in, depending on the order of its environment), and a template with no value is
// not left to YAML (unquoted, `{{HOMEPAGE_VAR_X}}` is a flow map and would become "[object Object]"):
// it is swapped for a plain token and put back as written after parsing (restore()), so the plan
// can keep and mark it. `{{ HOMEPAGE_VAR_X }}` (with spaces) is never filled by Homepage: kept too.
import { ImportSyntaxError } from "./syntax-error";
import { TEMPLATES } from "./templates";

export type TemplateValues = {
  /** HOMEPAGE_VAR_X / HOMEPAGE_FILE_X -> the text Homepage would put in its place. */
  values: Record<string, string>;
  /** Variables the environment names but whose value the import could not have, and why. */
  unresolved?: Record<string, string>;
};

export type Substitution = {
  /** The text to parse. */
  text: string;
  /** An offset in `text` -> the offset in the text as written (a filled value maps to its template). */
  toOriginal: (offset: number) => number;
  /** Puts templates left without a value back as written. */
  restore: (s: string) => string;
  /** Variables filled in, in order of first use. */
  used: string[];
  /** Variables without a value (kept as written). */
  missing: string[];
  /** Templates with spaces inside the braces, which Homepage does not fill either. */
  spaced: string[];
  /** Where values were filled in, as written: [start, end) of the template. */
  filled: { start: number; end: number; key: string }[];
};

type Segment = { at: number; from: number; literal: boolean };

function nonceFor(text: string): string {
  for (;;) {
    const n = Math.random().toString(36).slice(2, 10);
    if (n.length >= 6 && !text.includes(`HPT${n}`)) return n;
  }
}

export function substituteTemplates(raw: string, env: TemplateValues | undefined, maxChars: number): Substitution {
  const nonce = nonceFor(raw);
  const parts: string[] = [];
  const segments: Segment[] = [];
  const kept: string[] = [];
  const used = new Set<string>();
  const missing = new Set<string>();
  const spaced = new Set<string>();
  const filled: Substitution["filled"] = [];
  let length = 0;
  let last = 0;
  const push = (s: string, from: number, literal: boolean) => {
    if (s === "") return;
    segments.push({ at: length, from, literal });
    parts.push(s);
    length += s.length;
    if (length > maxChars) {
      throw new ImportSyntaxError(
        `With the environment's values filled in, the configuration is larger than ${maxChars} characters.`,
        null,
        null,
      );
    }
  };

  for (const m of raw.matchAll(TEMPLATES)) {
    const start = m.index;
    const key = m[1];
    push(raw.slice(last, start), last, true);
    const exact = m[0] === `{{${key}}}`;
    const value = exact && env && Object.hasOwn(env.values, key) ? env.values[key] : undefined;
    if (value !== undefined) {
      push(value, start, false);
      used.add(key);
      filled.push({ start, end: start + m[0].length, key });
    } else {
      push(`HPT${nonce}Z${kept.length}Z`, start, false);
      kept.push(m[0]);
      if (exact) missing.add(key);
      else spaced.add(m[0]);
    }
    last = start + m[0].length;
  }
  push(raw.slice(last), last, true);

  const token = new RegExp(`HPT${nonce}Z(\\d+)Z`, "g");
  const toOriginal = (offset: number): number => {
    let lo = 0;
    let hi = segments.length - 1;
    if (hi < 0) return offset;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (segments[mid].at <= offset) lo = mid;
      else hi = mid - 1;
    }
    const s = segments[lo];
    return s.literal ? s.from + (offset - s.at) : s.from;
  };
  return {
    text: parts.join(""),
    toOriginal,
    restore: (s) => (kept.length && s.includes(`HPT${nonce}`) ? s.replace(token, (_, i: string) => kept[Number(i)] ?? "") : s),
    used: [...used],
    missing: [...missing],
    spaced: [...spaced],
    filled,
  };
}

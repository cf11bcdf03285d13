// Homepage's YAML (or the same as JSON from `nix eval --json`) parsed with line numbers: malformed
// input is rejected with the line and column of the first error.
import { isAlias, isMap, isNode, isSeq, LineCounter, parseDocument, type Node } from "yaml";

export class ImportSyntaxError extends Error {
  constructor(message: string, readonly line: number | null, readonly column: number | null) {
    super(message);
    this.name = "ImportSyntaxError";
  }
}

export type SourceDoc = { root: Node | null; lineOf: (node: unknown) => number | null; toJS: (node: unknown) => unknown; deref: (node: unknown) => unknown };

export const MAX_SOURCE_CHARS = 1_000_000;

function firstLine(message: string): string {
  return message.split("\n")[0].replace(/ at line \d+, column \d+:?$/, "").replace(/:$/, "");
}

/** Parses YAML or JSON text. Errors (bad indentation, tabs, duplicate keys, unclosed flows) throw ImportSyntaxError. */
export function parseSource(text: string): SourceDoc {
  if (typeof text !== "string") throw new ImportSyntaxError("The configuration must be text.", null, null);
  if (text.length > MAX_SOURCE_CHARS) throw new ImportSyntaxError(`The configuration is larger than ${MAX_SOURCE_CHARS} characters.`, null, null);
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, uniqueKeys: true, prettyErrors: true, strict: true, merge: true });
  const error = doc.errors[0];
  if (error) {
    const pos = error.linePos?.[0];
    const where = pos ? `Line ${pos.line}, column ${pos.col}: ` : "";
    throw new ImportSyntaxError(`${where}${firstLine(error.message)}.`, pos?.line ?? null, pos?.col ?? null);
  }
  const lineOf = (node: unknown): number | null => {
    const range = (node as { range?: [number, number, number] } | null)?.range;
    return range ? counter.linePos(range[0]).line : null;
  };
  const root = (doc.contents ?? null) as Node | null;
  const toJS = (node: unknown): unknown => {
    if (isNode(node)) return node.toJS(doc, { maxAliasCount: 100 });
    return node;
  };
  /** An alias (*name) stands for the node it points at. */
  const deref = (node: unknown): unknown => (isAlias(node) ? (node.resolve(doc) ?? null) : node);
  return { root, lineOf, toJS, deref };
}

/** A top-level `{ services: [...], bookmarks: [...] }` (e.g. all of services.homepage-dashboard) gives the chosen list. */
export function pickList(doc: SourceDoc, kind: "services" | "bookmarks"): Node | null {
  const root = doc.root;
  if (isMap(root)) {
    const item = root.items.find((p) => String((p.key as { value?: unknown } | null)?.value ?? p.key) === kind);
    if (item && (isSeq(item.value) || item.value === null)) return (item.value as Node | null) ?? null;
  }
  return root;
}

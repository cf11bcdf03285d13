// Walks Homepage's layout: a list of single-key maps group -> list of single-key maps
// name -> fields. In services.yaml a list under a name is a nested group; in bookmarks.yaml it
// holds the bookmark's fields. Structural problems are reported with their path and line.
import { isMap, isScalar, isSeq, type Node, type Pair } from "yaml";
import { ImportSyntaxError, type SourceDoc } from "./yaml-source";

export type HomepageKind = "services" | "bookmarks";

export type HomepageItem = {
  kind: "service" | "bookmark";
  groups: string[];
  name: string;
  fields: Record<string, unknown>;
  line: number | null;
};

export type WalkProblem = { path: string; line: number | null; reason: string };

const MAX_DEPTH = 6;

function keyText(pair: Pair): string {
  const key = pair.key;
  if (isScalar(key)) return String(key.value ?? "").trim();
  return String(key ?? "").trim();
}

function describe(node: unknown): string {
  if (node === null || node === undefined) return "nothing";
  if (isSeq(node)) return "a list";
  if (isMap(node)) return "a map";
  if (isScalar(node)) return `the value ${JSON.stringify(node.value)}`;
  return "something else";
}

export function walkHomepage(doc: SourceDoc, list: Node | null, kind: HomepageKind) {
  const items: HomepageItem[] = [];
  const problems: WalkProblem[] = [];
  const at = (node: unknown) => doc.lineOf(node);
  const path = (groups: string[], name?: string) => [...groups, ...(name === undefined ? [] : [name])].join(" / ") || "(top level)";

  if (list === null || (isScalar(list) && (list.value === null || list.value === ""))) return { items, problems };
  if (!isSeq(list)) {
    const line = at(list);
    throw new ImportSyntaxError(
      `${line ? `Line ${line}: ` : ""}The top level of ${kind}.yaml must be a list of groups ("- Group name:"), not ${describe(list)}.`,
      line, 1,
    );
  }

  const visitGroup = (groups: string[], raw: unknown, depth: number) => {
    const node = doc.deref(raw);
    if (node === null || node === undefined || (isScalar(node) && node.value === null)) return; // empty group
    if (!isSeq(node)) {
      problems.push({ path: path(groups), line: at(node), reason: `A group must hold a list of entries, found ${describe(node)}.` });
      return;
    }
    for (const raw of node.items) {
      const entry = doc.deref(raw);
      if (!isMap(entry)) {
        problems.push({ path: path(groups), line: at(entry), reason: `Each entry must be "- Name:" with its fields, found ${describe(entry)}.` });
        continue;
      }
      for (const pair of entry.items) visitEntry(groups, pair, depth);
    }
  };

  const visitEntry = (groups: string[], pair: Pair, depth: number) => {
    const name = keyText(pair);
    const line = at(pair.key) ?? at(pair.value);
    if (!name) {
      problems.push({ path: path(groups), line, reason: "An entry has an empty name." });
      return;
    }
    const value = doc.deref(pair.value);
    if (value === null || value === undefined || (isScalar(value) && value.value === null)) {
      items.push({ kind: kind === "services" ? "service" : "bookmark", groups, name, fields: {}, line });
    } else if (isMap(value) && kind === "services") {
      items.push({ kind: "service", groups, name, fields: doc.toJS(value) as Record<string, unknown>, line });
    } else if (isSeq(value) && kind === "bookmarks") {
      const maps = value.items.filter(isMap);
      if (maps.length !== value.items.length) {
        problems.push({ path: path(groups, name), line, reason: "A bookmark's list must hold its fields (abbr, href, ...)." });
        return;
      }
      const fields = Object.assign({}, ...maps.map((m) => doc.toJS(m) as Record<string, unknown>));
      items.push({ kind: "bookmark", groups, name, fields, line });
    } else if (isMap(value) && kind === "bookmarks") {
      items.push({ kind: "bookmark", groups, name, fields: doc.toJS(value) as Record<string, unknown>, line });
    } else if (isSeq(value)) {
      if (depth >= MAX_DEPTH) problems.push({ path: path(groups, name), line, reason: `Groups nested deeper than ${MAX_DEPTH} levels.` });
      else visitGroup([...groups, name], value, depth + 1);
    } else {
      problems.push({
        path: path(groups, name), line,
        reason: `Expected the entry's fields or a nested group, found ${describe(value)} (mis-indented?).`,
      });
    }
  };

  for (const top of list.items) {
    if (!isMap(top)) {
      problems.push({ path: "(top level)", line: at(top), reason: `Each top-level item must be "- Group name:", found ${describe(top)}.` });
      continue;
    }
    for (const pair of top.items) {
      const group = keyText(pair);
      if (!group) problems.push({ path: "(top level)", line: at(pair.key), reason: "A group has an empty name." });
      else visitGroup([group], pair.value, 1);
    }
  }
  return { items, problems };
}

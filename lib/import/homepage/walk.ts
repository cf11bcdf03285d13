// Walks Homepage's layout the way Homepage reads it: a list of maps group -> list of maps
// name -> fields, where only the FIRST key of each "- " item counts (service-helpers.js,
// parseServicesToGroups(): `Object.keys(serviceGroup)[0]`, `Object.keys(entries)[0]`; bookmarks:
// api-response.js, bookmarksResponse(), which also reads only the first item of a bookmark's list).
// In services.yaml a list under a name is a nested group; in bookmarks.yaml it holds the fields.
// Odd shapes that are valid YAML get one message per entry (entry-shape.ts), never fake services.
import { isMap, isScalar, isSeq, type Node, type Pair, type YAMLMap } from "yaml";
import type { ImportNote } from "../model/plan";
import { describeNode, splitExtraKeys, type EntryProblem } from "./entry-shape";
import { ImportSyntaxError, type SourceDoc } from "./yaml-source";

export type HomepageKind = "services" | "bookmarks";

export type HomepageItem = {
  kind: "service" | "bookmark";
  groups: string[];
  name: string;
  fields: Record<string, unknown>;
  line: number | null;
  notes: ImportNote[];
};

export type WalkProblem = EntryProblem;

const MAX_DEPTH = 6;
/** Entries visited (aliases count each time): a bound on the work a hostile text can cause. */
export const MAX_ENTRIES = 5000;

const isEmpty = (v: unknown) => v === null || v === undefined || (isScalar(v) && (v.value === null || v.value === ""));

export function walkHomepage(doc: SourceDoc, list: Node | null, kind: HomepageKind) {
  const items: HomepageItem[] = [];
  const problems: WalkProblem[] = [];
  const warnings: string[] = [];
  const at = (node: unknown) => doc.lineOf(node);
  const path = (groups: string[], name?: string) => [...groups, ...(name === undefined ? [] : [name])].join(" / ") || "(top level)";
  const itemKind = kind === "services" ? "service" : "bookmark";
  let visited = 0;
  const fieldsOf = (node: unknown): Record<string, unknown> => {
    const v = doc.toJS(node);
    return v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  };

  if (list === null || isEmpty(list)) return { items, problems, warnings };
  if (!isSeq(list)) {
    const line = at(list);
    throw new ImportSyntaxError(
      `${line ? `Line ${line}: ` : ""}The top level of ${kind}.yaml must be a list of groups ("- Group name:"), not ${describeNode(list)}.`,
      line,
      1,
    );
  }

  const visitGroup = (groups: string[], node: unknown, depth: number) => {
    if (!isSeq(node)) {
      problems.push({ path: path(groups), line: at(node), reason: `A group must hold a list of entries, found ${describeNode(node)}.` });
      return;
    }
    for (const raw of node.items) {
      if (++visited > MAX_ENTRIES) {
        throw new ImportSyntaxError(
          `The configuration has more than ${MAX_ENTRIES} entries (aliases counted each time they are used).`,
          at(raw),
          null,
        );
      }
      const entry = doc.deref(raw);
      if (!isMap(entry) || entry.items.length === 0) {
        problems.push({
          path: path(groups),
          line: at(entry),
          reason: `Each entry must be "- Name:" with its fields, found ${describeNode(entry)}.`,
        });
        continue;
      }
      visitEntry(groups, entry as YAMLMap, depth);
    }
  };

  const visitEntry = (groups: string[], entry: YAMLMap, depth: number) => {
    const [first, ...rest] = entry.items as Pair[];
    const name = doc.text(first.key);
    const line = at(first.key) ?? at(first.value);
    if (!name) {
      problems.push({ path: path(groups), line, reason: "An entry has an empty name." });
      return;
    }
    const value = doc.deref(first.value);
    const extra = splitExtraKeys(doc, groups, name, line, value, rest, kind);
    problems.push(...extra.problems);
    if (extra.skip) return;
    const notes = extra.notes;

    if (isMap(value)) {
      items.push({ kind: itemKind, groups, name, fields: fieldsOf(value), line, notes });
      if (kind === "bookmarks")
        notes.push({
          level: "note",
          text: `Homepage expects a list under a bookmark's name ("- href: …"); these fields were read as if they were one.`,
        });
    } else if (isSeq(value) && kind === "bookmarks") {
      const firstItem = doc.deref(value.items[0]);
      if (!isMap(firstItem)) {
        problems.push({ path: path(groups, name), line, reason: "A bookmark's list must start with its fields (abbr, href, ...)." });
        return;
      }
      if (value.items.length > 1) {
        notes.push({
          level: "skipped",
          text: `Only the first item of the list under "${name}" is read, as Homepage does; ${value.items.length - 1} more ignored.`,
        });
      }
      items.push({ kind: "bookmark", groups, name, fields: fieldsOf(firstItem), line, notes });
    } else if (isSeq(value)) {
      if (depth >= MAX_DEPTH) problems.push({ path: path(groups, name), line, reason: `Groups nested deeper than ${MAX_DEPTH} levels.` });
      else visitGroup([...groups, name], value, depth + 1);
      for (const n of notes) warnings.push(`Line ${line ?? "?"}: ${n.text}`);
    } else {
      problems.push({
        path: path(groups, name),
        line,
        reason: `Expected the entry's fields or a nested group under "${name}", found ${describeNode(value)} (mis-indented?).`,
      });
    }
  };

  for (const raw of list.items) {
    const top = doc.deref(raw);
    if (!isMap(top) || top.items.length === 0) {
      problems.push({
        path: "(top level)",
        line: at(top),
        reason: `Each top-level item must be "- Group name:", found ${describeNode(top)}.`,
      });
      continue;
    }
    const [first, ...rest] = top.items as Pair[];
    for (const p of rest) {
      const key = doc.text(p.key);
      problems.push({
        path: key || "(top level)",
        line: at(p.key),
        reason: `Group "${key}" has no "- " of its own: Homepage reads only the first group of each top-level "- " item and does not show it. Write "- ${key}:".`,
      });
    }
    const group = doc.text(first.key);
    const value = doc.deref(first.value);
    if (!group) problems.push({ path: "(top level)", line: at(first.key), reason: "A group has an empty name." });
    else if (isEmpty(value)) {
      warnings.push(
        `Line ${at(first.key) ?? "?"}: group "${group}" is empty. Homepage cannot load a ${kind}.yaml with an empty group (its log says "Failed to load ${kind}.yaml"); the import reads the rest.`,
      );
    } else visitGroup([group], value, 1);
  }
  return { items, problems, warnings };
}

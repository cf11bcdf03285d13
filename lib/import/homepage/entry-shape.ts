// What to say about a "- " item of a group that holds more than its name. YAML reads
//
//     - My Service:
//       icon: x            <- same indent as "My Service"
//
// as ONE map { "My Service": null, icon: "x" }. Homepage (service-helpers.js,
// parseServicesToGroups()) takes only the first key: "My Service" has no fields, so it logs
// `Error parsing service "My Service" from config. Ensure required fields are present.` and shows
// nothing; the other keys are never read. When the name does have fields (`href:` under it) and a
// stray key sits beside it, Homepage shows the service and ignores the stray key. A map of fields
// with no name at all (`- name: Jellyfin` / `url: …`, as some NixOS configs write it) is shown by
// Homepage as a service called after its first key. The import does the same as Homepage and says
// so once per entry, instead of making services called "Group / icon".
import { isMap, isScalar, isSeq, type Pair } from "yaml";
import type { ImportNote } from "../model/plan";
import type { SourceDoc } from "./yaml-source";

export type EntryProblem = { path: string; line: number | null; reason: string };

/** Field names Homepage's services and bookmarks use (plus "url", a common slip for href). */
const FIELDS = new Set([
  "href",
  "url",
  "description",
  "icon",
  "siteMonitor",
  "ping",
  "widget",
  "widgets",
  "server",
  "container",
  "abbr",
  "name",
  "id",
  "weight",
  "target",
  "statusStyle",
  "showStats",
  "app",
  "namespace",
  "podSelector",
  "proxmoxNode",
  "proxmoxVMID",
  "proxmoxType",
]);

export function describeNode(node: unknown): string {
  if (node === null || node === undefined) return "nothing";
  if (isSeq(node)) return "a list";
  if (isMap(node)) return "a map";
  if (isScalar(node)) return `the value ${JSON.stringify(node.value)}`;
  return "something else";
}

const quoteList = (keys: string[]) => keys.map((k) => `"${k}"`).join(", ");

export type ExtraKeys = { problems: EntryProblem[]; notes: ImportNote[]; skip: boolean };

/** The keys after the first of one entry map (`value`: what the first key, the name, holds). */
export function splitExtraKeys(
  doc: SourceDoc,
  groups: string[],
  name: string,
  line: number | null,
  value: unknown,
  rest: Pair[],
  kind: "services" | "bookmarks",
): ExtraKeys {
  const empty = value === null || value === undefined || (isScalar(value) && (value.value === null || value.value === ""));
  const scalar = isScalar(value) && !empty;
  const at = (...names: string[]) => [...groups, ...names].join(" / ");
  const problems: EntryProblem[] = [];
  const fields: string[] = [];
  for (const p of rest) {
    const key = doc.text(p.key);
    const value = doc.deref(p.value);
    if (FIELDS.has(key) || !(isMap(value) || isSeq(value))) fields.push(key);
    else {
      problems.push({
        path: at(key),
        line: doc.lineOf(p.key),
        reason: `"${key}" has no "- " of its own, so it is part of the item "${name}": Homepage reads only the first name of each "- " item and does not show "${key}". Write "- ${key}:".`,
      });
    }
  }

  if (scalar && (FIELDS.has(name) || fields.length > 0)) {
    const named = name === "name" ? value : rest.find((p) => doc.text(p.key) === "name")?.value;
    const title = doc.text(doc.deref(named));
    problems.push({
      path: at(title || name),
      line,
      reason: `This entry is a list of fields (${quoteList([name, ...fields])}) with no name above them; Homepage would show an entry called "${name}" without them. Write it as "- ${title || "Name"}:" with the fields indented under it.`,
    });
    return { problems, notes: [], skip: true };
  }
  if (empty) {
    const what = kind === "services" ? "service" : "bookmark";
    const reason = fields.length
      ? `The fields ${quoteList(fields)} are written at the same indent as "${name}", not under it, so "${name}" has no fields. Indent them under "${name}". Homepage skips this ${what} too (its log says "Error parsing service "${name}" from config. Ensure required fields are present.").`
      : `"${name}" has no fields. Homepage does not show a ${what} without fields ("Ensure required fields are present.").`;
    problems.push({ path: at(name), line, reason });
    return { problems, notes: [], skip: true };
  }
  const notes: ImportNote[] = fields.length
    ? [
        {
          level: "skipped",
          text: `${quoteList(fields)} ${fields.length === 1 ? "is" : "are"} written at the same indent as "${name}" instead of under it: Homepage ignores ${fields.length === 1 ? "it" : "them"}, and so does the import.`,
        },
      ]
    : [];
  return { problems, notes, skip: false };
}

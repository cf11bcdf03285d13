// Candidates (from Homepage or a flake) against the current services: add, change (field by
// field), unchanged, or skipped with the reason. Every result is validated with the inventory
// form's own schema, so an import can store nothing the form would refuse.
import { serviceInput, type ServiceInput } from "@/lib/validation/service";
import { matchExisting } from "./service-match";
import type { ServiceCandidateIn, ServiceSnapshot } from "./model/candidate";
import type { PlanEntry } from "./model/plan";

export type ServiceOp = { action: "add" | "change"; slug: string; input: ServiceInput };

const FIELDS: (keyof ServiceInput)[] = [
  "slug",
  "name",
  "groupName",
  "icon",
  "description",
  "url",
  "docsUrl",
  "unit",
  "ports",
  "checkType",
  "checkTarget",
  "machine",
];

const show = (v: unknown) => (v === null || v === undefined ? "" : String(v));

function defaults(slug: string): ServiceSnapshot {
  return {
    slug,
    name: slug,
    groupName: "Services",
    icon: "",
    description: "",
    url: null,
    docsUrl: null,
    unit: null,
    ports: "",
    checkType: "none",
    checkTarget: "",
    machine: null,
  };
}

function issues(error: { issues: { path: PropertyKey[]; message: string }[] }): string {
  return error.issues.map((i) => `${i.path.length ? `${String(i.path[0])}: ` : ""}${i.message}`).join(" ");
}

export function planServices(candidates: ServiceCandidateIn[], existing: ServiceSnapshot[], machines: Set<string>) {
  const entries: PlanEntry[] = [];
  const ops: ServiceOp[] = [];
  const claimed = new Map<string, string>();
  const matches = matchExisting(candidates, existing);

  for (const [i, c] of candidates.entries()) {
    const entry = (over: Partial<PlanEntry>): PlanEntry => ({
      kind: "service",
      key: c.slug ?? "",
      path: c.path,
      line: c.line,
      action: "skipped",
      changes: [],
      notes: c.notes,
      ...over,
    });
    if (!c.slug) {
      entries.push(entry({ reason: "The name has no letters or digits to make an id from." }));
      continue;
    }
    const found = matches[i];
    const slug = found?.slug ?? c.slug;
    const earlier = claimed.get(slug);
    if (earlier !== undefined) {
      entries.push(entry({ key: slug, reason: `Same service id "${slug}" as ${earlier}; only the first is imported.` }));
      continue;
    }
    const base = found ?? { ...defaults(slug), ...c.create };
    const parsed = serviceInput.safeParse({ ...base, ...c.values, slug });
    if (!parsed.success) {
      entries.push(entry({ key: slug, reason: `Invalid: ${issues(parsed.error)}` }));
      continue;
    }
    const input = parsed.data;
    if (input.machine && !machines.has(input.machine)) {
      entries.push(entry({ key: slug, reason: `Machine "${input.machine}" is not in the inventory.` }));
      continue;
    }
    claimed.set(slug, c.path);
    if (!found) {
      ops.push({ action: "add", slug, input });
      entries.push(entry({ key: slug, action: "add" }));
      continue;
    }
    const changes = FIELDS.filter((f) => show(found[f]) !== show(input[f])).map((f) => ({
      field: f,
      from: show(found[f]),
      to: show(input[f]),
    }));
    if (changes.length) ops.push({ action: "change", slug, input });
    entries.push(entry({ key: slug, action: changes.length ? "change" : "unchanged", changes }));
  }
  return { entries, ops };
}

// Which existing service each import candidate is, independent of the order of the source:
// 1. the source's own rule (the flake import: unit and machine), else the same id (slug), else the
//    same name in the same group;
// 2. only then the same name alone, where that is unambiguous: one remaining candidate and one
//    still unmatched service with that name (a service renamed in a group, or made in the panel
//    under another id). Two Homepage services called "Jellyfin" in two groups therefore never both
//    claim the one "Jellyfin" of the inventory.
import type { ServiceCandidateIn, ServiceSnapshot } from "./model/candidate";

const norm = (v: unknown) => (typeof v === "string" ? v.replace(/\s+/g, " ").trim().toLowerCase() : "");
const both = (name: unknown, group: unknown) => `${norm(name)}\n${norm(group)}`;

export function matchExisting(candidates: ServiceCandidateIn[], existing: ServiceSnapshot[]): (ServiceSnapshot | undefined)[] {
  const bySlug = new Map(existing.map((s) => [s.slug, s]));
  const byNameGroup = new Map<string, ServiceSnapshot>();
  for (const s of existing) if (!byNameGroup.has(both(s.name, s.groupName))) byNameGroup.set(both(s.name, s.groupName), s);

  const found = candidates.map((c) => {
    if (!c.slug) return undefined;
    const own = c.match ? existing.find(c.match) : undefined;
    return (
      own ??
      bySlug.get(c.slug) ??
      (norm(c.values.name) && norm(c.values.groupName) ? byNameGroup.get(both(c.values.name, c.values.groupName)) : undefined)
    );
  });

  const used = new Set(found.filter((s) => s).map((s) => s!.slug));
  const open = (name: string) => candidates.filter((c, i) => !found[i] && c.slug && norm(c.values.name) === name).length;
  return found.map((f, i) => {
    const c = candidates[i];
    const name = norm(c.values.name);
    if (f || !c.slug || !name || open(name) !== 1) return f;
    const same = existing.filter((s) => !used.has(s.slug) && norm(s.name) === name);
    if (same.length !== 1) return undefined;
    used.add(same[0].slug);
    return same[0];
  });
}

// Homepage shows two services with one name in different groups (or even in one group); the
// inventory needs a distinct id (slug, unique) for each. Rule, predictable from the file alone:
// a name used once keeps the id made from it ("jellyfin"); when several entries share one, EACH
// gets its group appended ("jellyfin-media", "jellyfin-kids"), and entries that still collide (same
// name in the same group) get -2, -3 in file order. The plan shows the id and says why. Re-imports
// find these services again by id, or by name and group (service-plan.ts), so nothing is doubled.
import { slugify } from "./slug";
import type { ServiceCandidate } from "./candidate";

const MAX = 63;

function fit(base: string, suffix: string): string {
  return `${base.slice(0, MAX - suffix.length).replace(/[^a-z0-9]+$/, "")}${suffix}`;
}

export function distinctSlugs(candidates: ServiceCandidate[]): ServiceCandidate[] {
  const count = new Map<string, number>();
  for (const c of candidates) if (c.slug) count.set(c.slug, (count.get(c.slug) ?? 0) + 1);
  const taken = new Set(candidates.filter((c) => c.slug && count.get(c.slug) === 1).map((c) => c.slug as string));
  return candidates.map((c) => {
    if (!c.slug || count.get(c.slug) === 1) return c;
    const group = slugify(c.values.groupName) ?? "group";
    const first = fit(c.slug, `-${group}`.slice(0, 40).replace(/[^a-z0-9]+$/, ""));
    let slug = first;
    for (let n = 2; taken.has(slug); n++) slug = fit(first, `-${n}`);
    taken.add(slug);
    const text = `id "${slug}": ${count.get(c.slug)} entries are called "${c.values.name}", so each id names its group.`;
    return { ...c, slug, notes: [...c.notes, { level: "note" as const, text }] };
  });
}

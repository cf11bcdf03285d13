// Machine candidates (from a flake) against the inventory: add, change, unchanged or skipped,
// validated with the machine form's schema.
import { machineInput, type MachineInput } from "@/lib/validation/machine";
import type { MachineSnapshot } from "./snapshot";
import type { ImportNote, PlanEntry } from "./model/plan";

export type MachineCandidate = {
  name: string;
  path: string;
  /** Fields set for a new machine. */
  create: Partial<MachineInput>;
  /** Fields the source owns: compared with (and written over) an existing machine. */
  owned: Partial<MachineInput>;
  notes: ImportNote[];
};

export type MachineOp = { action: "add" | "change"; name: string; input: MachineInput };

const show = (v: unknown) => (v === null || v === undefined ? "" : String(v));

export function planMachines(candidates: MachineCandidate[], existing: MachineSnapshot[]) {
  const entries: PlanEntry[] = [];
  const ops: MachineOp[] = [];
  for (const c of candidates) {
    const found = existing.find((m) => m.name === c.name);
    const base = found ?? { role: "other", deployable: false, ...c.create, name: c.name };
    const parsed = machineInput.safeParse({ ...base, ...c.owned });
    const entry = (over: Partial<PlanEntry>): PlanEntry => ({
      kind: "machine",
      key: c.name,
      path: c.path,
      line: null,
      action: "skipped",
      changes: [],
      notes: c.notes,
      ...over,
    });
    if (!parsed.success) {
      entries.push(entry({ reason: `Invalid: ${parsed.error.issues.map((i) => `${String(i.path[0] ?? "")}: ${i.message}`).join(" ")}` }));
      continue;
    }
    if (!found) {
      ops.push({ action: "add", name: c.name, input: parsed.data });
      entries.push(entry({ action: "add" }));
      continue;
    }
    const keys = Object.keys(parsed.data) as (keyof MachineInput)[];
    const changes = keys
      .filter((k) => show(found[k]) !== show(parsed.data[k]))
      .map((k) => ({ field: k, from: show(found[k]), to: show(parsed.data[k]) }));
    if (changes.length) ops.push({ action: "change", name: c.name, input: parsed.data });
    entries.push(entry({ action: changes.length ? "change" : "unchanged", changes }));
  }
  return { entries, ops };
}

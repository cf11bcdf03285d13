// The journal filter as a plain GET form: the filter lives in the query string (shareable, and
// the page works before any script runs).
import { buttonClass } from "@/components/ui/button";
import { PRIORITIES, type JournalQuery } from "@/lib/validation/journal";

const SERVICE = ".service";

export type MachineUnits = { machine: string; units: string[] };

const input = "h-11 w-full rounded-lg border border-(--color-line) bg-(--color-bg) px-3 text-sm outline-none focus:border-(--color-accent)";

function Field({ label, error, children }: { label: string; error?: string; children: React.ReactNode }) {
  return (
    <label className="flex min-w-0 flex-col gap-1 text-sm">
      <span className="font-medium">{label}</span>
      {children}
      {error && (
        <span className="text-xs text-(--color-down)" data-testid="journal-field-error">
          {error}
        </span>
      )}
    </label>
  );
}

export function JournalForm({
  machines,
  query,
  machine,
  units,
  errors,
}: {
  machines: MachineUnits[];
  query: Partial<JournalQuery>;
  machine: string | null;
  units: string[];
  errors: Record<string, string>;
}) {
  const known = machines.find((m) => m.machine === machine)?.units ?? [];
  const all = [...new Set([...known, ...units])];
  return (
    <form
      method="GET"
      action="/journal"
      className="mb-4 grid grid-cols-1 gap-3 rounded-xl border border-(--color-line) bg-(--color-panel) p-3 sm:grid-cols-2 lg:grid-cols-4"
      aria-label="Journal filter"
    >
      <Field label="Machine" error={errors.machine}>
        <select name="machine" defaultValue={machine ?? ""} className={input}>
          {machines.map((m) => (
            <option key={m.machine} value={m.machine}>
              {m.machine}
            </option>
          ))}
        </select>
      </Field>
      <Field label="Priority" error={errors.priority}>
        <select name="priority" defaultValue={query.priority?.toString() ?? ""} className={input}>
          <option value="">any</option>
          {PRIORITIES.map((p, i) => (
            <option key={p} value={i}>
              {p} ({i}) and worse
            </option>
          ))}
        </select>
      </Field>
      <Field label="Since" error={errors.since}>
        <input name="since" defaultValue={query.since ?? ""} placeholder="-1h, 2026-11-26T17:00Z" className={input} />
      </Field>
      <Field label="Until" error={errors.until}>
        <input name="until" defaultValue={query.until ?? ""} placeholder="empty: follow" className={input} />
      </Field>
      <fieldset className="min-w-0 sm:col-span-2" data-testid="journal-units">
        <legend className="mb-1 text-sm font-medium">
          Units
          {errors.unit && (
            <span className="ml-2 text-xs text-(--color-down)" data-testid="journal-field-error">
              {errors.unit}
            </span>
          )}
        </legend>
        {/* Chips: compact on a phone (frame1's 8 units take three 32 px rows), a longer list scrolls in its box. */}
        <div
          data-testid="journal-unit-chips"
          className="flex max-h-48 flex-wrap gap-1.5 overflow-y-auto sm:max-h-none sm:gap-2 sm:overflow-visible"
        >
          {all.length === 0 && <span className="text-sm text-(--color-muted)">No units of this machine in the inventory.</span>}
          {all.map((u) => (
            <label
              key={u}
              className="inline-flex h-8 max-w-full min-w-0 items-center gap-1.5 rounded-full border border-(--color-line) px-2.5 font-mono text-xs has-checked:border-(--color-accent) has-checked:bg-(--color-accent)/10 sm:h-11 sm:gap-2 sm:rounded-lg sm:px-3"
            >
              <input type="checkbox" name="unit" value={u} aria-label={u} defaultChecked={units.includes(u)} className="size-4 shrink-0" />
              {/* A phone leaves out systemd's default ".service" (the value and the name read out keep it). */}
              <span className="truncate" title={u}>
                {u.endsWith(SERVICE) ? u.slice(0, -SERVICE.length) : u}
                {u.endsWith(SERVICE) && <span className="max-sm:hidden">{SERVICE}</span>}
              </span>
            </label>
          ))}
        </div>
      </fieldset>
      <Field label="Text" error={errors.grep}>
        <input name="grep" defaultValue={query.grep ?? ""} placeholder="only entries containing…" className={input} />
      </Field>
      <div className="flex flex-wrap items-end gap-3">
        <label className="inline-flex h-11 items-center gap-2 text-sm">
          <input type="checkbox" name="regex" value="1" defaultChecked={query.regex} className="size-4" /> regex
        </label>
        <button type="submit" className={buttonClass("primary")}>
          Show journal
        </button>
      </div>
    </form>
  );
}

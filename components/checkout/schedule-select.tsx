"use client";
// The schedule of input update checks (off, daily, weekly; all machines): a check updates the
// inputs in a scratch copy and records what would change, nothing is built or committed.
import { useState, useTransition } from "react";

const CHOICES = ["off", "daily", "weekly"] as const;

type Props = { value: string; set: ((value: string) => Promise<{ ok: boolean; message: string }>) | null };

export function ScheduleSelect({ value, set }: Props) {
  const [current, setCurrent] = useState(value);
  const [note, setNote] = useState<{ ok: boolean; text: string } | null>(null);
  const [pending, start] = useTransition();
  if (!set) return <p className="text-xs text-(--color-muted)">Scheduled checks for input updates: {value}.</p>;
  const change = (v: string) =>
    start(async () => {
      const r = await set(v);
      if (r.ok) setCurrent(v);
      setNote({ ok: r.ok, text: r.message });
    });
  return (
    <label className="flex flex-wrap items-center gap-2 text-sm">
      <span>Check for input updates (all machines):</span>
      <select
        className="h-11 rounded-lg border border-(--color-line) bg-(--color-panel) px-2"
        value={current}
        disabled={pending}
        onChange={(e) => change(e.target.value)}
        data-testid="flake-schedule"
      >
        {CHOICES.map((c) => (
          <option key={c} value={c}>
            {c}
          </option>
        ))}
      </select>
      {note && <span className={`text-xs ${note.ok ? "text-(--color-muted)" : "text-(--color-down)"}`}>{note.text}</span>}
    </label>
  );
}

"use client";
// Asks what happens to a machine's services when the machine is deleted.
import { useState } from "react";
import { inputClass } from "@/components/ui/field";

export function ServiceDisposition({ count, machines }: { count: number; machines: string[] }) {
  const [choice, setChoice] = useState("");
  const option = (value: string, label: string, disabled = false) => (
    <label className="flex min-h-11 items-center gap-3 text-sm">
      <input
        type="radio"
        name="services"
        value={value}
        required
        disabled={disabled}
        checked={choice === value}
        onChange={() => setChoice(value)}
        className="size-5"
      />
      {label}
    </label>
  );
  return (
    <fieldset className="grid gap-1 rounded-lg border border-(--color-line) p-3">
      <legend className="px-1 text-sm font-medium">
        Its {count} service{count === 1 ? "" : "s"}
      </legend>
      {option("detach", "Keep them, on no machine")}
      {option("move", "Move them to another machine", machines.length === 0)}
      {choice === "move" && (
        <select name="moveTo" aria-label="Move services to" className={inputClass} defaultValue="">
          <option value="" disabled>
            Choose a machine…
          </option>
          {machines.map((m) => (
            <option key={m} value={m}>
              {m}
            </option>
          ))}
        </select>
      )}
      {option("delete", "Delete them too")}
    </fieldset>
  );
}

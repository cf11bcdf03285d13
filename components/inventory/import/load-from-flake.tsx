"use client";
// Fills the Homepage text box with services.homepage-dashboard as the flake defines it (nix eval
// on a machine of the inventory). Loading changes nothing; preview and apply as for a paste.
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";

export type LoadResult = { text?: string; message?: string; fields?: Record<string, string> };
type Props = {
  load: (form: FormData) => Promise<LoadResult>;
  machines: { name: string; attr: string }[];
  onLoaded: (text: string) => void;
};

export function LoadFromFlake({ load, machines, onLoaded }: Props) {
  const [machine, setMachine] = useState(machines[0]?.name ?? "");
  const [attr, setAttr] = useState(machines[0]?.attr ?? "");
  const [message, setMessage] = useState<string | null>(null);
  const [pending, start] = useTransition();
  if (machines.length === 0) return null;
  const submit = () => {
    const form = new FormData();
    form.set("machine", machine);
    form.set("attr", attr);
    start(async () => {
      const r = await load(form);
      if (r.text !== undefined) {
        setMessage(null);
        onLoaded(r.text);
      } else setMessage(r.fields ? Object.values(r.fields).join(" ") : (r.message ?? "Loading failed."));
    });
  };
  return (
    <details className="rounded-lg border border-(--color-line) p-3">
      <summary className="min-h-11 cursor-pointer content-center text-sm font-medium">
        Load services.homepage-dashboard from the flake
      </summary>
      <div className="mt-2 grid gap-3 sm:grid-cols-[1fr_1fr_auto] sm:items-end">
        <label className="flex flex-col gap-1 text-sm">
          Evaluate on
          <select
            value={machine}
            className={inputClass}
            onChange={(e) => {
              setMachine(e.target.value);
              setAttr(machines.find((m) => m.name === e.target.value)?.attr ?? "");
            }}
          >
            {machines.map((m) => (
              <option key={m.name} value={m.name}>
                {m.name}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-1 text-sm">
          Configuration (nixosConfigurations.…)
          <input
            value={attr}
            onChange={(e) => setAttr(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === "Enter") {
                e.preventDefault();
                submit();
              }
            }}
            className={inputClass}
            autoCapitalize="none"
            spellCheck={false}
          />
        </label>
        <Button type="button" onClick={submit} disabled={pending}>
          {pending ? "Evaluating…" : "Load"}
        </Button>
      </div>
      {message && (
        <p role="alert" data-testid="load-error" className="mt-2 text-sm text-(--color-down)">
          {message}
        </p>
      )}
    </details>
  );
}

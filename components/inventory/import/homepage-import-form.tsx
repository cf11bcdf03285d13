"use client";
// Paste or upload Homepage's services.yaml / bookmarks.yaml (or its Nix form as JSON), preview the
// plan, then apply exactly what was previewed. The text stays in the box whatever happens.
import { useActionState, useState, type ChangeEvent } from "react";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { MAX_IMPORT_CHARS, type ImportState } from "@/lib/validation/import";
import { LoadFromFlake, type LoadResult } from "./load-from-flake";
import { PlanView } from "./plan-view";

type Props = {
  action: (prev: ImportState, form: FormData) => Promise<ImportState>;
  load: (form: FormData) => Promise<LoadResult>;
  machines: { name: string; attr: string }[];
};

export function HomepageImportForm({ action, load, machines }: Props) {
  const [state, formAction, pending] = useActionState(action, {});
  const [text, setText] = useState("");
  const [kind, setKind] = useState<"services" | "bookmarks">("services");
  const [previewed, setPreviewed] = useState<string | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const current = `${kind}\n${text}`;
  const canApply = state.mode === "preview" && !!state.plan && previewed === current && !pending;

  const onFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    setFileError(null);
    if (!file) return;
    if (file.size > MAX_IMPORT_CHARS) return setFileError(`${file.name} is larger than ${MAX_IMPORT_CHARS} bytes.`);
    setText(await file.text());
    if (/bookmark/i.test(file.name)) setKind("bookmarks");
    else if (/services/i.test(file.name)) setKind("services");
  };

  const error = state.message;
  return (
    <div className="grid gap-6">
      <form action={formAction} onSubmit={() => setPreviewed(current)} noValidate className="grid max-w-3xl gap-4" aria-busy={pending}>
        <fieldset className="flex flex-wrap gap-4">
          <legend className="mb-1 text-sm font-medium">File</legend>
          {(["services", "bookmarks"] as const).map((k) => (
            <label key={k} className="flex min-h-11 items-center gap-2 text-sm">
              <input type="radio" name="kind" value={k} checked={kind === k} onChange={() => setKind(k)} className="size-5" />
              {k}.yaml
            </label>
          ))}
        </fieldset>
        <div className="flex flex-col gap-1">
          <label htmlFor="hp-file" className="text-sm font-medium">Upload a file</label>
          <input id="hp-file" type="file" accept=".yaml,.yml,.json,text/yaml,application/json" onChange={onFile}
            className="min-h-11 text-sm file:mr-3 file:h-11 file:rounded-lg file:border file:border-(--color-line) file:bg-(--color-panel) file:px-4" />
          {fileError && <p role="alert" className="text-sm text-(--color-down)">{fileError}</p>}
        </div>
        <LoadFromFlake load={load} machines={machines} onLoaded={setText} />
        <div className="flex flex-col gap-1">
          <label htmlFor="hp-text" className="text-sm font-medium">Configuration</label>
          <textarea
            id="hp-text" name="text" value={text} onChange={(e) => setText(e.target.value)} rows={14} spellCheck={false}
            autoCapitalize="none" aria-invalid={!!error} aria-describedby={error ? "hp-error" : "hp-hint"}
            placeholder={"- Observability:\n    - Grafana:\n        href: https://grafana.example\n        siteMonitor: https://grafana.example/api/health"}
            className="w-full rounded-lg border border-(--color-line) bg-(--color-panel) p-3 font-mono text-sm outline-none focus:border-(--color-accent) aria-invalid:border-(--color-down)"
          />
          {error ? (
            <div id="hp-error"><FormMessage message={error} /></div>
          ) : (
            <p id="hp-hint" className="text-xs text-(--color-muted)">
              Homepage&apos;s YAML, or JSON from <code>nix eval --json …services.homepage-dashboard</code> (.services or .bookmarks).
            </p>
          )}
        </div>
        <div className="flex flex-wrap gap-2">
          <Button type="submit" name="mode" value="preview" disabled={pending}>{pending ? "Working…" : "Preview"}</Button>
          <Button type="submit" name="mode" value="apply" variant="primary" disabled={!canApply}>Apply</Button>
          {!canApply && state.mode === "preview" && state.plan && previewed !== current && (
            <p className="self-center text-sm text-(--color-muted)">The text changed: preview again to apply.</p>
          )}
        </div>
      </form>
      {state.plan && <PlanView plan={state.plan} applied={state.mode === "apply"} />}
    </div>
  );
}

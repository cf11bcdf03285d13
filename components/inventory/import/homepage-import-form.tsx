"use client";
// Paste or upload Homepage's services.yaml / bookmarks.yaml (or its Nix form as JSON, or a .nix
// module, which the server evaluates into that JSON), optionally with the environment its templates
// are filled from; preview the plan, then apply exactly what was previewed. The text stays in the
// box whatever happens.
import { useActionState, useState, useTransition, type ChangeEvent } from "react";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import type { ImportState } from "@/lib/import/model/plan";
import { MAX_IMPORT_CHARS } from "@/lib/validation/import";
import { EnvSection, type EnvUpload } from "./env-section";
import { LoadFromFlake, type LoadResult } from "./load-from-flake";
import { PlanView } from "./plan-view";

type Props = {
  action: (prev: ImportState, form: FormData) => Promise<ImportState>;
  load: (form: FormData) => Promise<LoadResult>;
  loadNix: (form: FormData) => Promise<LoadResult>;
  machines: { name: string; attr: string }[];
};

export function HomepageImportForm({ action, load, loadNix, machines }: Props) {
  const [state, formAction, pending] = useActionState(action, {});
  const [text, setText] = useState("");
  const [kind, setKind] = useState<"services" | "bookmarks">("services");
  const [env, setEnv] = useState("");
  const [envFiles, setEnvFiles] = useState<EnvUpload[]>([]);
  const [envError, setEnvError] = useState<string | null>(null);
  const [previewed, setPreviewed] = useState<string | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [fileNote, setFileNote] = useState<string | null>(null);
  const [evaluating, startEval] = useTransition();
  const current = JSON.stringify([kind, text, env, envFiles]);
  const canApply = state.mode === "preview" && !!state.plan && previewed === current && !pending;

  const onFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    setFileError(null);
    setFileNote(null);
    if (!file) return;
    if (file.size > MAX_IMPORT_CHARS) return setFileError(`${file.name} is larger than ${MAX_IMPORT_CHARS} bytes.`);
    const content = await file.text();
    if (/bookmark/i.test(file.name)) setKind("bookmarks");
    else if (/services/i.test(file.name)) setKind("services");
    if (!/\.nix$/i.test(file.name)) return setText(content);
    const form = new FormData();
    form.set("name", file.name);
    form.set("text", content);
    startEval(async () => {
      const r = await loadNix(form);
      if (r.text === undefined)
        return setFileError(r.fields ? Object.values(r.fields).join(" ") : (r.message ?? "Evaluating the file failed."));
      setText(r.text);
      setFileNote(`${file.name} was evaluated with nix-instantiate: below is what it sets in services.homepage-dashboard.`);
    });
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
          <label htmlFor="hp-file" className="text-sm font-medium">
            Upload a file
          </label>
          <input
            id="hp-file"
            type="file"
            accept=".yaml,.yml,.json,.nix,text/yaml,application/json"
            onChange={onFile}
            disabled={evaluating}
            className="min-h-11 text-sm file:mr-3 file:h-11 file:rounded-lg file:border file:border-(--color-line) file:bg-(--color-panel) file:px-4"
          />
          {evaluating && (
            <p role="status" className="text-sm text-(--color-muted)">
              Evaluating the .nix file…
            </p>
          )}
          {fileError && (
            <p role="alert" data-testid="file-error" className="text-sm text-(--color-down)">
              {fileError}
            </p>
          )}
          {fileNote && (
            <p role="status" data-testid="file-note" className="text-sm text-(--color-muted)">
              {fileNote}
            </p>
          )}
        </div>
        <LoadFromFlake load={load} machines={machines} onLoaded={setText} />
        <div className="flex flex-col gap-1">
          <label htmlFor="hp-text" className="text-sm font-medium">
            Configuration
          </label>
          <textarea
            id="hp-text"
            name="text"
            value={text}
            onChange={(e) => setText(e.target.value)}
            rows={14}
            spellCheck={false}
            autoCapitalize="none"
            aria-invalid={!!error && !state.fields?.env}
            aria-describedby={error ? "hp-error" : "hp-hint"}
            placeholder={
              "- Observability:\n    - Grafana:\n        href: https://grafana.example\n        siteMonitor: https://grafana.example/api/health"
            }
            className="w-full rounded-lg border border-(--color-line) bg-(--color-panel) p-3 font-mono text-sm outline-none focus:border-(--color-accent) aria-invalid:border-(--color-down)"
          />
          {error ? (
            <div id="hp-error">
              <FormMessage message={error} />
            </div>
          ) : (
            <p id="hp-hint" className="text-xs text-(--color-muted)">
              Homepage&apos;s YAML, JSON from <code>nix eval --json …services.homepage-dashboard</code> (.services or .bookmarks), or upload
              a .nix module that sets it.
            </p>
          )}
        </div>
        <EnvSection
          env={env}
          onEnv={setEnv}
          files={envFiles}
          onFiles={setEnvFiles}
          error={envError ?? state.fields?.env ?? state.fields?.envFiles}
          onError={setEnvError}
        />
        <div className="flex flex-wrap gap-2">
          <Button type="submit" name="mode" value="preview" disabled={pending || evaluating}>
            {pending ? "Working…" : "Preview"}
          </Button>
          <Button type="submit" name="mode" value="apply" variant="primary" disabled={!canApply}>
            Apply
          </Button>
          {!canApply && state.mode === "preview" && state.plan && previewed !== current && (
            <p className="self-center text-sm text-(--color-muted)">The text or environment changed: preview again to apply.</p>
          )}
        </div>
      </form>
      {state.plan && <PlanView plan={state.plan} applied={state.mode === "apply"} />}
    </div>
  );
}

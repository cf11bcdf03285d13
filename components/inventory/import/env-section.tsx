"use client";
// The environment Homepage fills its {{HOMEPAGE_VAR_*}} / {{HOMEPAGE_FILE_*}} templates from: an env
// file (pasted or uploaded) and the files its HOMEPAGE_FILE_* variables name (uploaded by hand: the
// panel never reads a path on the server for this form). Sent with each preview and apply; not stored.
import type { ChangeEvent } from "react";
import { Button } from "@/components/ui/button";
import { MAX_ENV_CHARS, MAX_ENV_FILE_BYTES, MAX_ENV_FILES } from "@/lib/validation/import";

export type EnvUpload = { name: string; text: string };

type Props = {
  env: string;
  onEnv: (text: string) => void;
  files: EnvUpload[];
  onFiles: (files: EnvUpload[]) => void;
  error?: string;
  onError: (message: string | null) => void;
};

const fileClass =
  "min-h-11 text-sm file:mr-3 file:h-11 file:rounded-lg file:border file:border-(--color-line) file:bg-(--color-panel) file:px-4";

export function EnvSection({ env, onEnv, files, onFiles, error, onError }: Props) {
  const onEnvFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    onError(null);
    if (!file) return;
    if (file.size > MAX_ENV_CHARS) return onError(`${file.name} is larger than ${MAX_ENV_CHARS} bytes.`);
    onEnv(await file.text());
  };
  const onSecretFiles = async (e: ChangeEvent<HTMLInputElement>) => {
    const picked = [...(e.target.files ?? [])];
    e.target.value = "";
    onError(null);
    const big = picked.find((f) => f.size > MAX_ENV_FILE_BYTES);
    if (big) return onError(`${big.name} is larger than ${MAX_ENV_FILE_BYTES} bytes.`);
    const added = await Promise.all(picked.map(async (f) => ({ name: f.name, text: await f.text() })));
    const next = [...files.filter((f) => !added.some((a) => a.name === f.name)), ...added];
    if (next.length > MAX_ENV_FILES) return onError(`At most ${MAX_ENV_FILES} files.`);
    onFiles(next);
  };

  return (
    <details className="rounded-lg border border-(--color-line) p-3" open={env !== "" || files.length > 0 || !!error}>
      <summary className="min-h-11 cursor-pointer content-center text-sm font-medium">
        Environment for {"{{HOMEPAGE_VAR_…}}"} templates (optional)
      </summary>
      <div className="mt-2 grid gap-3">
        <p className="text-xs text-(--color-muted)">
          KEY=value lines, as Homepage reads them from its environment (a .env file, or the NixOS module&apos;s environmentFile). Homepage
          fills <code>{"{{HOMEPAGE_VAR_NAME}}"}</code> with the value and <code>{"{{HOMEPAGE_FILE_NAME}}"}</code> with the contents of the
          file it names: upload those files below. The environment is used for this import only, not stored.
        </p>
        <div className="flex flex-col gap-1">
          <label htmlFor="hp-env-file" className="text-sm font-medium">
            Upload an env file
          </label>
          <input id="hp-env-file" type="file" onChange={onEnvFile} className={fileClass} />
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor="hp-env" className="text-sm font-medium">
            Environment
          </label>
          <textarea
            id="hp-env"
            name="env"
            value={env}
            onChange={(e) => onEnv(e.target.value)}
            rows={4}
            spellCheck={false}
            autoCapitalize="none"
            aria-invalid={!!error}
            aria-describedby={error ? "hp-env-error" : undefined}
            placeholder={"HOMEPAGE_VAR_GRAFANA_URL=https://grafana.example\nHOMEPAGE_FILE_TOKEN=/run/secrets/token"}
            className="w-full rounded-lg border border-(--color-line) bg-(--color-panel) p-3 font-mono text-sm outline-none focus:border-(--color-accent) aria-invalid:border-(--color-down)"
          />
          {error && (
            <p id="hp-env-error" role="alert" data-testid="error-env" className="text-sm text-(--color-down)">
              {error}
            </p>
          )}
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor="hp-env-files" className="text-sm font-medium">
            Files named by HOMEPAGE_FILE_ variables
          </label>
          <input id="hp-env-files" type="file" multiple onChange={onSecretFiles} className={fileClass} />
          <input type="hidden" name="envFiles" value={JSON.stringify(files)} />
          {files.length > 0 && (
            <ul aria-label="Uploaded files" className="grid gap-1 text-sm">
              {files.map((f) => (
                <li key={f.name} className="flex items-center justify-between gap-2">
                  <span className="font-mono break-all">{f.name}</span>
                  <Button type="button" onClick={() => onFiles(files.filter((x) => x.name !== f.name))} aria-label={`Remove ${f.name}`}>
                    Remove
                  </Button>
                </li>
              ))}
            </ul>
          )}
        </div>
      </div>
    </details>
  );
}

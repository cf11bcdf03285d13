"use client";
// "Check connection": the checks of one machine, run in order on a click, each green or red with
// its fix; an admin trusts a presented host key from here (then the checks run again).
import { Button } from "@/components/ui/button";
import { CHECK_STEPS, type CheckId } from "@/lib/wire/connection-check";
import type { FormState } from "@/lib/validation/form-state";
import { CheckRow } from "./check-row";
import { useChecks, type RunCheck } from "./use-checks";

type Props = {
  machine: string;
  run: RunCheck;
  /** Bound to the machine; null when the user may not trust host keys. */
  trust: ((prev: FormState, form: FormData) => Promise<FormState>) | null;
};

export function ConnectionChecks({ machine, run, trust }: Props) {
  const { rows, running, error, finished, start } = useChecks(machine, run);
  const allGreen =
    finished &&
    !error &&
    CHECK_STEPS.every((s) => rows[s.id].state === "done" && (rows[s.id] as { result: { status: string } }).result.status !== "failed");
  const retrust = async (fingerprint: string): Promise<string> => {
    if (!trust) return "Only an admin can trust a host key.";
    const form = new FormData();
    form.set("fingerprint", fingerprint);
    const state = await trust({}, form);
    if (state.message) return state.message;
    void start();
    return "";
  };
  return (
    <div data-testid="connection-checks" data-machine={machine} className="grid grid-cols-[minmax(0,1fr)] gap-3">
      <div className="flex flex-wrap items-center gap-3">
        <Button type="button" variant="primary" onClick={() => void start()} disabled={running} data-testid="check-connection">
          {running ? "Checking…" : "Check connection"}
        </Button>
        <p role="status" aria-live="polite" data-testid="checks-summary" className="text-sm text-(--color-muted)">
          {running
            ? `Checking ${machine}, one step after another…`
            : allGreen
              ? `${machine} is ready: every check passed.`
              : finished
                ? "Some checks failed: each says what to do."
                : "Not checked yet."}
        </p>
      </div>
      {error && (
        <p role="alert" className="text-sm text-(--color-down)">
          {error}
        </p>
      )}
      <ol className="grid grid-cols-[minmax(0,1fr)] gap-2" aria-label={`Checks of ${machine}`}>
        {CHECK_STEPS.map((s) => (
          <CheckRow key={s.id} id={s.id as CheckId} title={s.title} row={rows[s.id]} canTrust={trust !== null} trust={retrust} />
        ))}
      </ol>
    </div>
  );
}

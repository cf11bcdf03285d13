"use client";
// Roll back to one generation (the previous one from the action bar, any one from the timeline).
import { ConfirmChange } from "./confirm-change";
import { useMachineJobs } from "./machine-jobs";

type Props = {
  host: string;
  generation: number | null;
  commands: string[];
  label?: string;
  unavailable?: string | null;
  compact?: boolean;
};

export function RollbackButton({ host, generation, commands, label, unavailable = null, compact = false }: Props) {
  const { machine } = useMachineJobs();
  return (
    <ConfirmChange
      label={label ?? (generation ? `Roll back to ${generation}…` : "Roll back…")}
      title={`Roll ${machine} back to generation ${generation ?? "?"}?`}
      summary={
        <>
          The system profile of {machine} is pointed at generation {generation} and that system is activated now. Services whose
          configuration differs are restarted.
        </>
      }
      commands={commands}
      host={host}
      confirmLabel={`Roll back to ${generation}`}
      kind="rollback"
      args={generation ? { generation } : undefined}
      variant="danger"
      unavailable={unavailable ?? (generation ? null : "no older generation to roll back to")}
      className={compact ? "" : "col-span-2 sm:col-span-1"}
    />
  );
}

// Why the panel cannot read a machine, said where the reading is missing (status, units,
// generations), with the way to the first-run page when the fix is there.
import Link from "next/link";
import { SETUP_PATH } from "@/lib/machine/check-fixes";

type Props = { what?: string; error: string | null; setup: boolean; machine: string };

export function ConnectionProblem({ what, error, setup, machine }: Props) {
  return (
    <p className="text-sm break-words text-(--color-muted)" data-testid="connection-problem">
      {what ? `${what}: ` : ""}
      {error ?? "the machine cannot be read."}
      {setup && (
        <>
          {" "}
          <Link className="text-(--color-accent) underline" href={`${SETUP_PATH}?machine=${encodeURIComponent(machine)}`}>
            Set up the connection
          </Link>{" "}
          or run &quot;Check connection&quot; below.
        </>
      )}
    </p>
  );
}

// What an "Update inputs" preview shows: the flake.lock difference per input (old and new
// revision, dates, a compare link for GitHub inputs) and the package-level difference of the built
// system against the running one. Plain markup: rendered on the server or inside the client part.
import type { InputChange } from "@/lib/git/lock-diff";
import type { ClosureDiff } from "@/lib/nix/diff-closures";
import { visible } from "@/lib/text/visible";
import { formatBytes } from "../deploy/format";

const day = (iso: string | null) => (iso ? iso.slice(0, 10) : null);

function Side({ rev, date, follows, type }: { rev: string | null; date: string | null; follows: string | null; type: string | null }) {
  if (follows !== null) return <span className="text-(--color-muted)">follows {visible(follows)}</span>;
  return (
    <span>
      <span className="font-mono">{rev ?? type ?? "?"}</span>
      {day(date) && <span className="text-xs text-(--color-muted)"> ({day(date)})</span>}
    </span>
  );
}

export function LockChanges({ changes }: { changes: InputChange[] }) {
  const shown = changes.filter((c) => c.kind !== "unchanged");
  const same = changes.length - shown.length;
  return (
    <div className="grid gap-1 text-sm">
      <ul className="grid gap-1" data-testid="lock-changes">
        {shown.map((c) => (
          <li
            key={c.input}
            data-testid="lock-change"
            data-input={c.input}
            data-kind={c.kind}
            className="flex flex-wrap items-baseline gap-x-2"
          >
            <span className="font-mono font-medium">{visible(c.input)}</span>
            {c.kind === "added" ? (
              <span>
                added: <Side rev={c.newRev} date={c.newDate} follows={c.newFollows} type={c.newType} />
              </span>
            ) : c.kind === "removed" ? (
              <span>
                removed (was <Side rev={c.oldRev} date={c.oldDate} follows={c.oldFollows} type={c.oldType} />)
              </span>
            ) : (
              <span>
                <Side rev={c.oldRev} date={c.oldDate} follows={c.oldFollows} type={c.oldType} /> →{" "}
                <Side rev={c.newRev} date={c.newDate} follows={c.newFollows} type={c.newType} />
                {c.oldRev === c.newRev && c.narHashChanged ? <span className="text-(--color-muted)"> (content changed)</span> : null}
              </span>
            )}
            {c.oldType && c.newType && c.oldType !== c.newType && (
              <span className="text-xs text-(--color-muted)">
                {c.oldType} → {c.newType}
              </span>
            )}
            {c.source && <span className="break-all text-xs text-(--color-muted)">{visible(c.source)}</span>}
            {c.compareUrl && (
              <a
                href={c.compareUrl}
                target="_blank"
                rel="noreferrer noopener"
                data-testid="compare-link"
                className="text-(--color-accent) underline-offset-2 hover:underline"
              >
                compare
              </a>
            )}
          </li>
        ))}
      </ul>
      {same > 0 && (
        <p className="text-xs text-(--color-muted)">
          {same} other input{same === 1 ? "" : "s"} unchanged.
        </p>
      )}
    </div>
  );
}

const versions = (v: string[] | null) => (v === null ? "" : v.length === 0 ? "∅" : v.map((x) => x || "ε").join(", "));

export function PackageChanges({ closure, error }: { closure: ClosureDiff | null; error: string | null }) {
  if (!closure) return <p className="text-sm text-(--color-slow)">No package comparison: {error ?? "not built"}</p>;
  const shown = closure.changes.slice(0, 60);
  return (
    <div className="text-sm" data-testid="input-packages">
      <p data-testid="input-packages-summary">
        {closure.added} added, {closure.removed} removed, {closure.changed} changed · size {formatBytes(closure.totalDeltaBytes)}
      </p>
      {shown.length > 0 && (
        <ul className="mt-1 grid gap-1">
          {shown.map((c) => (
            <li
              key={c.name}
              data-testid="input-package"
              className="flex flex-wrap items-baseline justify-between gap-x-3 border-b border-(--color-line) py-1 last:border-0"
            >
              <span className="min-w-0 break-all font-mono text-xs">{c.name}</span>
              <span className="text-xs text-(--color-muted)">
                {c.kind === "resized" ? "" : `${versions(c.from)} → ${versions(c.to)}`}{" "}
                {c.sizeDeltaBytes ? formatBytes(c.sizeDeltaBytes) : ""}
              </span>
            </li>
          ))}
        </ul>
      )}
      {closure.changes.length > shown.length && (
        <p className="mt-1 text-(--color-muted)">…and {closure.changes.length - shown.length} more in the job's log.</p>
      )}
    </div>
  );
}

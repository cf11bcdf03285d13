// The installer images built for a machine: file, size, SHA-256, date, flake revision, and whether
// the file is still on its build host (gone: no download). A table on a desktop, cards on a phone.
import type { ReactNode } from "react";
import { formatTime } from "@/components/deploy/format";
import { stackTable as t } from "@/components/ui/stack-table";
import { CopyButton } from "@/components/ui/copy-button";
import { commitLabel } from "@/lib/git/checkout-state";
import { visible } from "@/lib/text/visible";

export type IsoRow = {
  jobId: number;
  fileName: string;
  size: number;
  sha256: string;
  builtAt: string | null;
  builder: string;
  commit: string | null;
  commitSubject: string | null;
  dirty: boolean | null;
  presence: "present" | "gone" | "unknown";
  note: string | null;
};

const mib = (n: number) => `${(n / 2 ** 20).toFixed(1)} MiB`;
const PRESENCE = { present: "on the build host", gone: "gone", unknown: "unknown" } as const;

export function IsoList({
  rows,
  canDownload,
  deleteButton,
}: {
  rows: IsoRow[];
  canDownload: boolean;
  deleteButton: ((row: IsoRow) => ReactNode) | null;
}) {
  if (rows.length === 0)
    return (
      <p data-testid="iso-empty" className="text-sm text-(--color-muted)">
        No installer image built yet. “Build ISO” builds one on the build host.
      </p>
    );
  const notes = [...new Set(rows.map((r) => r.note).filter((n): n is string => n !== null))];
  return (
    <div className="grid grid-cols-[minmax(0,1fr)] gap-2">
      {notes.map((n) => (
        <p key={n} role="status" className="text-sm text-(--color-slow)">
          {n}
        </p>
      ))}
      <table className={t.table} data-testid="iso-list">
        <thead className={t.head}>
          <tr>
            <th className={t.th}>Image</th>
            <th className={t.th}>Size</th>
            <th className={t.th}>SHA-256</th>
            <th className={t.th}>Built</th>
            <th className={t.th}>Flake revision</th>
            <th className={t.th}>
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody className={t.body}>
          {rows.map((r) => (
            <tr key={r.jobId} className={t.row} data-testid="iso-row" data-job={r.jobId} data-presence={r.presence}>
              <td className={t.title}>
                <span className="font-mono text-xs break-all">{r.fileName}</span>
                <span
                  data-testid="iso-presence"
                  className={`ml-2 text-xs ${r.presence === "present" ? "text-(--color-muted)" : "text-(--color-down)"}`}
                >
                  {PRESENCE[r.presence]}
                </span>
              </td>
              <td className={t.cell} data-label="Size">
                {mib(r.size)}
              </td>
              <td className={t.cell} data-label="SHA-256">
                <span className="font-mono text-xs break-all" data-testid="iso-sha256">
                  {r.sha256}
                </span>{" "}
                <CopyButton text={r.sha256} label="Copy SHA-256" />
              </td>
              <td className={t.cell} data-label="Built">
                {formatTime(r.builtAt)} on {r.builder} · <a href={`/jobs/${r.jobId}`}>#{r.jobId}</a>
              </td>
              <td className={t.cell} data-label="Revision" data-testid="iso-commit" data-commit={r.commit ?? ""} data-dirty={r.dirty ?? ""}>
                {r.commit ? visible(commitLabel({ hash: r.commit, subject: r.commitSubject })) : "unknown"}
                {r.dirty ? <span className="text-(--color-slow)"> plus uncommitted changes</span> : null}
              </td>
              <td className={t.cell} data-label="">
                <span className="flex flex-wrap gap-2">
                  {canDownload && r.presence === "present" && (
                    <a
                      href={`/api/isos/${r.jobId}/download`}
                      download={r.fileName}
                      data-testid="iso-download"
                      className="inline-flex h-11 items-center rounded-lg border border-(--color-line) px-4 text-sm hover:border-(--color-accent)"
                    >
                      Download
                    </a>
                  )}
                  {deleteButton && r.presence !== "gone" && deleteButton(r)}
                </span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

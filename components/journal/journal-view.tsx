"use client";
// The journal page's live part: one journal subscription shown in the log viewer.
import type { JournalFilter } from "@/lib/live/events";
import { clock } from "@/components/log-viewer/copy-text";
import { saveText } from "@/components/ui/copy";
import { LogViewer } from "@/components/log-viewer/log-viewer";
import { JOURNAL_CAP, useJournal } from "@/components/log-viewer/use-journal";
import { UnrecognisedNote } from "@/components/ui/unrecognised-note";

const STATE_TEXT = { connecting: "Connecting…", streaming: "Following", ended: "Ended", error: "Refused" } as const;

export function JournalView({ filter }: { filter: JournalFilter }) {
  const key = JSON.stringify(filter);
  const j = useJournal(filter, key);
  const download = () => {
    const lines: string[] = [];
    for (let i = 0; i < j.store.length; i++) lines.push(`${new Date(j.store.at[i]).toISOString()} ${j.store.text[i]}`);
    saveText(lines.join("\n") + "\n", `journal-${filter.machine}.log`);
  };
  return (
    <>
      <p className="mb-2 flex flex-wrap items-center gap-x-3 gap-y-1 text-sm text-(--color-muted)">
        <span data-testid="journal-state" data-state={j.state}>
          {j.connection === "offline" ? "Offline: reconnecting…" : STATE_TEXT[j.state]}
        </span>
        {j.message && (
          <span role={j.state === "error" ? "alert" : undefined} className={j.state === "error" ? "text-(--color-down)" : ""}>
            {j.message}
          </span>
        )}
        {j.store.dropped > 0 && (
          <span>
            Showing the last {JOURNAL_CAP.toLocaleString()} entries ({j.store.dropped.toLocaleString()} older dropped); last at{" "}
            {clock(j.store.at[j.store.length - 1])}
          </span>
        )}
      </p>
      <UnrecognisedNote unrecognised={j.unrecognised} source="journalctl's output" testId="journal-unrecognised" />
      <LogViewer
        store={j.store}
        version={j.version}
        numbering="index"
        emptyText={
          j.state === "error" ? "No journal: the subscription was refused." : "No entries yet. New entries appear here as they are written."
        }
        download={{ onClick: download }}
      />
    </>
  );
}

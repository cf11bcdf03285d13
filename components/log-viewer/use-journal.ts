"use client";
// A journal stream: journal:subscribe with the filter (the server shares one remote journalctl
// per distinct filter), entries into a capped store, unsubscribe on leave; after a reconnect or a
// journal:resync (this viewer fell behind) it subscribes again and skips entries it already has
// (by cursor).
import { useEffect, useRef, useState } from "react";
import { useConnection } from "@/components/live/socket";
import type { JournalFilter, ServerToClient, WireJournalEntry } from "@/lib/live/events";
import type { Unrecognised } from "@/lib/parse/unrecognised";
import { LEVEL, LineStore, type Level } from "./line-store";
import { acquirePanelSocket, frameScheduler, listen, releaseSocket } from "./socket";

export const JOURNAL_CAP = 50_000;
export type JournalState = "connecting" | "streaming" | "ended" | "error";

export function levelOfPriority(p: number | null): Level {
  if (p === null) return LEVEL.normal;
  return p <= 3 ? LEVEL.error : p === 4 ? LEVEL.warn : LEVEL.normal;
}

export function entryText(e: WireJournalEntry): string {
  const who = e.identifier ?? e.unit ?? "";
  return who ? `${who}${e.pid !== null ? `[${e.pid}]` : ""}: ${e.message}` : e.message;
}

export function useJournal(filter: JournalFilter, key: string) {
  const [store] = useState(() => new LineStore(JOURNAL_CAP));
  const [version, setVersion] = useState(0);
  const connection = useConnection();
  const [state, setState] = useState<JournalState>("connecting");
  const [message, setMessage] = useState<string | null>(null);
  // Kept with the filter it belongs to, so a new filter starts without the old stream's count.
  const [unrecognised, setUnrecognised] = useState<{ key: string; value: Unrecognised } | null>(null);
  const filterRef = useRef(filter);
  useEffect(() => {
    filterRef.current = filter;
  });

  useEffect(() => {
    store.clear();
    const render = frameScheduler(() => setVersion((v) => v + 1));
    const seen = new Set<string>();
    let seq = 0;
    let streamId: string | null = null;
    const socket = acquirePanelSocket();
    const subscribe = () =>
      socket.emit("journal:subscribe", filterRef.current, (res) => {
        if (res.ok) {
          streamId = res.streamId;
          setState("streaming");
          setMessage(null);
        } else {
          setState("error");
          setMessage(res.error.message);
        }
      });
    const onError: ServerToClient["app:error"] = (body) => {
      if (!body.event || body.event.startsWith("journal:")) {
        setState("error");
        setMessage(body.error.message);
      }
    };
    const onEntries: ServerToClient["journal:entries"] = ({ streamId: id, entries, unrecognised: u }) => {
      if (id !== streamId) return;
      if (u) setUnrecognised({ key, value: u });
      const fresh = entries.filter((e) => !seen.has(e.cursor));
      for (const e of fresh) seen.add(e.cursor);
      if (seen.size > JOURNAL_CAP * 2) {
        seen.clear();
        for (const e of fresh) seen.add(e.cursor);
      }
      store.push(fresh.map((e) => ({ seq: ++seq, at: Date.parse(e.at), level: levelOfPriority(e.priority), text: entryText(e) })));
      render.schedule();
    };
    const onEnded: ServerToClient["journal:ended"] = ({ streamId: id, reason }) => {
      if (id !== streamId) return;
      setState("ended");
      setMessage(reason);
    };
    // The server dropped this viewer for falling behind: subscribe again (seen cursors skip repeats).
    const onResync: ServerToClient["journal:resync"] = ({ streamId: id }) => {
      if (id === streamId) subscribe();
    };
    const unlisten = listen(socket, {
      connect: subscribe,
      "app:error": onError,
      "journal:entries": onEntries,
      "journal:ended": onEnded,
      "journal:resync": onResync,
    });
    if (socket.connected) subscribe();
    return () => {
      render.cancel();
      unlisten();
      if (streamId && socket.connected) socket.emit("journal:unsubscribe", { streamId });
      releaseSocket();
    };
  }, [key, store]);

  return { store, version, connection, state, message, unrecognised: unrecognised?.key === key ? unrecognised.value : null };
}

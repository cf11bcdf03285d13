"use client";
// A journal stream: journal:subscribe with the filter (the server shares one remote journalctl
// per distinct filter), entries into a capped store, unsubscribe on leave; after a reconnect it
// subscribes again and skips entries it already has (by cursor).
import { useEffect, useRef, useState } from "react";
import type { JournalFilter, ServerToClient, WireJournalEntry } from "@/lib/live/events";
import type { Unrecognised } from "@/lib/parse/unrecognised";
import { LEVEL, LineStore, type Level } from "./line-store";
import { acquirePanelSocket, frameScheduler, listen, releaseSocket, type Connection } from "./socket";

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
  const store = useRef(new LineStore(JOURNAL_CAP)).current;
  const [version, setVersion] = useState(0);
  const [connection, setConnection] = useState<Connection>("connecting");
  const [state, setState] = useState<JournalState>("connecting");
  const [message, setMessage] = useState<string | null>(null);
  const [unrecognised, setUnrecognised] = useState<Unrecognised | null>(null);
  const filterRef = useRef(filter);
  filterRef.current = filter;

  useEffect(() => {
    store.clear();
    setUnrecognised(null);
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
    const onConnect = () => {
      setConnection("live");
      subscribe();
    };
    const onOffline = () => setConnection("offline");
    const onError: ServerToClient["app:error"] = (body) => {
      if (!body.event || body.event.startsWith("journal:")) {
        setState("error");
        setMessage(body.error.message);
      }
    };
    const onEntries: ServerToClient["journal:entries"] = ({ streamId: id, entries, unrecognised: u }) => {
      if (id !== streamId) return;
      if (u) setUnrecognised(u);
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
      // A viewer that fell behind is dropped by the server: subscribe again (seen cursors skip repeats).
      if (reason.startsWith("fell behind")) return void subscribe();
      setState("ended");
      setMessage(reason);
    };
    const unlisten = listen(socket, {
      connect: onConnect,
      disconnect: onOffline,
      connect_error: onOffline,
      "app:error": onError,
      "journal:entries": onEntries,
      "journal:ended": onEnded,
    });
    if (socket.connected) onConnect();
    return () => {
      render.cancel();
      unlisten();
      if (streamId && socket.connected) socket.emit("journal:unsubscribe", { streamId });
      releaseSocket();
    };
  }, [key, store]);

  return { store, version, connection, state, message, unrecognised };
}

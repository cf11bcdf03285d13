import "server-only";
// The hook other parts of the panel (notifications) use to hear that a flake's inputs have
// updates: an in-process bus on globalThis (Next's bundle and server.ts share it). The scheduled
// check (flake-schedule.ts) reports through reportFlakeUpdates; anyone may listen.
import { EventEmitter } from "node:events";
import type { InputChange } from "../git/lock-diff";

export type FlakeUpdatesAvailable = {
  machine: string;
  /** The check job whose result holds the whole difference. */
  jobId: number;
  /** Only the inputs that would change. */
  changes: InputChange[];
  at: string;
};

type Events = { "updates-available": [FlakeUpdatesAvailable] };
const KEY = Symbol.for("homelab-panel.flake-updates");
type Holder = { [KEY]?: EventEmitter<Events> };

function bus(): EventEmitter<Events> {
  const holder = globalThis as Holder;
  holder[KEY] ??= new EventEmitter<Events>();
  return holder[KEY];
}

/** Says that `machine`'s flake has input updates (what a scheduled check found). */
export function reportFlakeUpdates(e: FlakeUpdatesAvailable): void {
  bus().emit("updates-available", e);
}

/** Listens for reported input updates; returns the function that stops listening. */
export function onFlakeUpdatesAvailable(listener: (e: FlakeUpdatesAvailable) => void): () => void {
  bus().on("updates-available", listener);
  return () => void bus().off("updates-available", listener);
}

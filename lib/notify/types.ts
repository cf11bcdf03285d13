// What the notifier is told about and how it is said.
import type { NotifyRule } from "../validation/notify";

export const EVENT_KINDS = [
  "service-down",
  "service-up",
  "machine-unreachable",
  "machine-reachable",
  "deploy-finished",
  "drift",
  "flake-updates",
] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

/** The rule (channel subscription) an event kind belongs to. */
export const RULE_OF: Record<EventKind, NotifyRule> = {
  "service-down": "service",
  "service-up": "service",
  "machine-unreachable": "machine",
  "machine-reachable": "machine",
  "deploy-finished": "deploy",
  drift: "drift",
  "flake-updates": "flake-updates",
};

/** How bad it is: picks ntfy's priority and tags and the e-mail's subject prefix. */
export type Severity = "bad" | "good" | "info";

export type NotifyInput = {
  kind: EventKind;
  /** Unique per fact: the same key is never sent twice (e.g. `job:42`, `drift:frame1:/nix/store/...`). */
  key: string;
  /** What it is about, e.g. `service:grafana`, `machine:frame1`. */
  subject: string;
  title: string;
  message: string;
  severity?: Severity;
};

/** What a channel sends (an event as stored, or a test). */
export type Message = {
  kind: EventKind | "test";
  subject: string;
  title: string;
  message: string;
  severity: Severity;
  at: Date;
  eventId: number | null;
};

export function severityOf(kind: EventKind | "test", title: string): Severity {
  if (kind === "service-down" || kind === "machine-unreachable") return "bad";
  if (kind === "service-up" || kind === "machine-reachable") return "good";
  if (kind === "deploy-finished") return /succeeded/.test(title) ? "good" : "bad";
  return "info";
}

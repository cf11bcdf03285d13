// Service and machine transitions from the health monitor's rounds, with a grace period against
// flapping: "down" only after `graceChecks` down results in a row, "up" only after a "down" was
// sent (per subject, as stored: a restart neither repeats a "down" nor forgets one).
import type { EventKind, NotifyInput } from "./types";

type Result = { status: "up" | "slow" | "down" | "unknown"; detail: string };
export type HealthRulesDeps = {
  notify: (input: NotifyInput) => Promise<unknown>;
  lastOf: (subject: string, kinds: EventKind[]) => Promise<EventKind | null>;
  graceChecks: number;
  now?: () => number;
};

const KINDS = {
  service: { down: "service-down", up: "service-up", downWord: "is down", upWord: "is back up" },
  machine: { down: "machine-unreachable", up: "machine-reachable", downWord: "is unreachable", upWord: "is reachable again" },
} as const;

export class HealthRules {
  private readonly downRuns = new Map<string, number>();
  /** Whether the last event sent for a subject was its "down" (loaded from the store on first sight). */
  private readonly isDown = new Map<string, boolean>();

  constructor(private readonly deps: HealthRulesDeps) {}

  /** One round of results, keyed `service:<slug>` / `machine:<name>`. Sequential per round. */
  async onRound(results: Record<string, Result>): Promise<void> {
    for (const [subject, r] of Object.entries(results)) await this.onResult(subject, r);
  }

  private async onResult(subject: string, r: Result): Promise<void> {
    const what = subject.startsWith("machine:") ? "machine" : subject.startsWith("service:") ? "service" : null;
    if (!what || r.status === "unknown") return;
    const k = KINDS[what];
    const name = subject.slice(what.length + 1);
    if (!this.isDown.has(subject)) this.isDown.set(subject, (await this.deps.lastOf(subject, [k.down, k.up])) === k.down);
    const at = new Date((this.deps.now ?? Date.now)()).toISOString();
    if (r.status === "down") {
      const run = (this.downRuns.get(subject) ?? 0) + 1;
      this.downRuns.set(subject, run);
      if (run < this.deps.graceChecks || this.isDown.get(subject)) return;
      this.isDown.set(subject, true);
      await this.deps.notify({
        kind: k.down,
        key: `${subject}:down:${at}`,
        subject,
        title: `${name} ${k.downWord}`,
        message: `${name} ${k.downWord} (${run} checks in a row): ${r.detail}`,
      });
      return;
    }
    this.downRuns.delete(subject);
    if (!this.isDown.get(subject)) return;
    this.isDown.set(subject, false);
    await this.deps.notify({
      kind: k.up,
      key: `${subject}:up:${at}`,
      subject,
      title: `${name} ${k.upWord}`,
      message: `${name} ${k.upWord}: ${r.detail}`,
    });
  }
}

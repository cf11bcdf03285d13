// systemctl and journalctl. Unit names are validated (never start with "-"); every journalctl value
// travels inside a single `--name=value` word.
import { CommandInputError } from "./errors";
import { grepText, journalPriority, journalTime, systemdUtc } from "./journal-filters";
import { bool, intInRange, listOf, unitName } from "./names";
import { remoteCommand, type CommandContext, type RemoteCommand } from "./remote-command";

export const SHOW_PROPERTIES = [
  "Id",
  "LoadState",
  "ActiveState",
  "SubState",
  "ActiveEnterTimestamp",
  "MainPID",
  "NRestarts",
  "MemoryCurrent",
  "Description",
] as const;

/** `systemctl show` for up to 50 units (see lib/systemd/show). Under TZ=UTC so timestamps end in "UTC". */
export function systemctlShow(ctx: CommandContext, units: unknown): RemoteCommand {
  const names = listOf(units, "units", 50, unitName);
  return remoteCommand(ctx, {
    kind: "systemd.show",
    argv: ["env", "TZ=UTC", "systemctl", "show", `--property=${SHOW_PROPERTIES.join(",")}`, "--", ...names],
    description: `Show ${names.length === 1 ? names[0] : `${names.length} units`}`,
    readOnly: true,
    cancellable: true,
  });
}

export function systemctlRestart(ctx: CommandContext, unit: unknown): RemoteCommand {
  const name = unitName(unit);
  return remoteCommand(ctx, {
    kind: "systemd.restart",
    argv: ["systemctl", "restart", "--", name],
    description: `Restart ${name}`,
    readOnly: false,
    cancellable: false,
    needsRoot: true,
  });
}

export interface JournalQuery {
  units?: string[];
  priority?: number | string;
  since?: string | Date;
  until?: string | Date;
  grep?: string;
  follow?: boolean;
  /** How many of the newest lines, 1..10000. */
  lines?: number;
}

/** `journalctl -o json` (see lib/systemd/journal). Relative times resolve against `now`. */
export function journal(ctx: CommandContext, q: JournalQuery, now: Date = new Date()): RemoteCommand {
  if (typeof q !== "object" || q === null) throw new CommandInputError("journal", "must be an object", q);
  const argv = ["journalctl", "-o", "json", "--no-pager"];
  const units = q.units === undefined ? [] : listOf(q.units, "units", 50, unitName, 0);
  for (const u of units) argv.push(`--unit=${u}`);
  if (q.priority !== undefined) argv.push(`--priority=${journalPriority(q.priority)}`);
  if (q.since !== undefined) argv.push(`--since=${systemdUtc(journalTime(q.since, "since", now))}`);
  if (q.until !== undefined) argv.push(`--until=${systemdUtc(journalTime(q.until, "until", now))}`);
  if (q.grep !== undefined && q.grep !== "") argv.push(`--grep=${grepText(q.grep)}`);
  const follow = q.follow === undefined ? false : bool(q.follow, "follow");
  if (follow) argv.push("--follow");
  if (q.lines !== undefined) argv.push(`--lines=${intInRange(q.lines, "lines", 1, 10_000)}`);
  return remoteCommand(ctx, {
    kind: "journal",
    argv,
    description: `${follow ? "Follow" : "Read"} the journal${units.length ? ` of ${units.join(", ")}` : ""}`,
    readOnly: true,
    cancellable: true,
    longRunning: follow,
  });
}

import { describe, expect, it } from "vitest";
import { journal, systemctlRestart, systemctlShow, type JournalQuery } from "./systemd-commands";
import { HOSTILE, expectAllRefused, expectRoundTrip } from "./shell-echo.test-support";

const admin = { sshUser: "admin" };
const now = new Date("2026-11-26T14:00:00Z");
const PROPS = "--property=Id,LoadState,ActiveState,SubState,ActiveEnterTimestamp,MainPID,NRestarts,MemoryCurrent,Description";

describe("systemctl", () => {
  it("shows units after --, under TZ=UTC, read-only without sudo", () => {
    const cmd = systemctlShow(admin, ["nginx.service", "getty@tty1.service"]);
    expect(cmd.argv).toEqual(["env", "TZ=UTC", "systemctl", "show", PROPS, "--", "nginx.service", "getty@tty1.service"]);
    expect(cmd).toMatchObject({ sudo: false, readOnly: true });
    expectRoundTrip(cmd);
  });
  it("restarts one unit with sudo when not root", () => {
    const cmd = systemctlRestart(admin, "nginx.service");
    expect(cmd).toMatchObject({ argv: ["systemctl", "restart", "--", "nginx.service"], sudo: true, readOnly: false });
    expect(systemctlRestart({ sshUser: "root" }, "nginx.service").sudo).toBe(false);
    expectRoundTrip(cmd);
  });
  it("refuses hostile units and lists", () => {
    expectAllRefused([...HOSTILE, "nginx", "a.service;reboot", "../x.service"], (v) => systemctlRestart(admin, v), /^unit /);
    expectAllRefused(HOSTILE, (v) => systemctlShow(admin, ["ok.service", v]), /^units\[1\] /);
    expectAllRefused(["nginx.service", null, {}, [], Array(51).fill("a.service")], (v) => systemctlShow(admin, v), /^units must/);
  });
});

describe("journal", () => {
  it("builds one word per filter, with absolute UTC times", () => {
    const cmd = journal(
      admin,
      {
        units: ["nginx.service", "frame-display.service"],
        priority: "warning",
        since: "-1h",
        until: "2026-11-26T13:30:00.250+01:00",
        grep: 'it\'s $(not) "run" ; | & \\',
        follow: true,
        lines: 200,
      },
      now,
    );
    expect(cmd.argv).toEqual([
      "journalctl",
      "-o",
      "json",
      "--no-pager",
      "--unit=nginx.service",
      "--unit=frame-display.service",
      "--priority=4",
      "--since=2026-11-26 13:00:00 UTC",
      "--until=2026-11-26 12:30:00.250 UTC",
      '--grep=it\'s $(not) "run" ; | & \\',
      "--follow",
      "--lines=200",
    ]);
    expect(cmd).toMatchObject({ readOnly: true, cancellable: true, longRunning: true, sudo: false });
    expectRoundTrip(cmd);
  });
  it("passes nasty-but-allowed grep text through a real shell unchanged", () => {
    for (const grep of [
      'it\'s $(not) "run" ; | & \\',
      "`id` ${HOME} *",
      "-oProxyCommand=id",
      "--help",
      "fr\u0430me1 ✓ ünï 🚀",
      "'",
      "x".repeat(200),
    ]) {
      const cmd = journal(admin, { grep }, now);
      expect(cmd.argv.at(-1)).toBe(`--grep=${grep}`);
      expectRoundTrip(cmd);
    }
  });
  it("reads the whole journal when given no filters; an empty grep is no filter", () => {
    expect(journal(admin, {}, now).argv).toEqual(["journalctl", "-o", "json", "--no-pager"]);
    expect(journal(admin, { grep: "", units: [] }, now).argv).toHaveLength(4);
  });
  it("refuses hostile filters", () => {
    const q = (patch: Partial<Record<keyof JournalQuery, unknown>>) => journal(admin, patch as JournalQuery, now);
    expectAllRefused(HOSTILE, (v) => q({ units: [v] }), /^units\[0\] /);
    expectAllRefused([...HOSTILE, 8, -1, "8", "error;id", "ERR"], (v) => q({ priority: v }), /^priority /);
    const times = [
      "-1h; id",
      "$(date)",
      "2026-11-26",
      "2026-11-26 14:00:00",
      "yesterday",
      "-1y",
      "+1h",
      "1h",
      "9999-01-01T00:00:00Z",
      new Date(NaN),
    ];
    expectAllRefused([...HOSTILE, ...times], (v) => q({ since: v }), /^since /);
    expectAllRefused(times, (v) => q({ until: v }), /^until /);
    expectAllRefused(
      ["a\nb", "a\0b", "a\rb", "x".repeat(201), "x".repeat(10_000), 5, {}, null, "a\u202eb", "\ud800x"],
      (v) => q({ grep: v }),
      /^grep /,
    );
    expectAllRefused([0, -5, 10_001, 1.5, "50", NaN, null], (v) => q({ lines: v }), /^lines /);
    expectAllRefused(["yes", 1, null], (v) => q({ follow: v }), /^follow /);
    expectAllRefused([null, "x"], (v) => journal(admin, v as JournalQuery, now), /^journal must be an object/);
  });
});

// The systemd parsers against every fixture of their kind captured from systemd 252 (a booted
// container and systemd-analyze; see lib/fixtures/real/SOURCES.md).
import { describe, expect, it } from "vitest";
import { corpus, fixture } from "../fixtures/corpus.test-support";
import { noUnrecognised } from "../parse/unrecognised";
import { parseJournal } from "./journal";
import { parseSystemctlShow } from "./show";
import { parseSystemdTimestamp, readSystemdTimestamp } from "./timestamp";

const none = noUnrecognised();
const real = (name: string) => fixture("real", "systemd", name);

describe("systemctl show: every capture reads without leftovers where the zone is known", () => {
  const shows = corpus("real", "systemd", "systemctl-show");
  it.each(shows.filter((f) => !f.name.endsWith("-ist.txt")).map((f) => [f.name, f.text]))("%s", (_n, text) => {
    const r = parseSystemctlShow(text);
    expect(r.unrecognised).toEqual(none);
    expect(r.units.length).toBeGreaterThan(0);
    expect(r.units.some((u) => u.since !== null)).toBe(true);
  });

  it("the same moment in UTC, CET, EST and +04 reads as the same instant", () => {
    const since = (zone: string) => parseSystemctlShow(real(`systemctl-show-panel-properties-${zone}.txt`)).units.map((u) => u.since);
    expect(since("utc")).toEqual(["2026-12-05T11:54:35.000Z", "2026-12-05T11:55:11.000Z", null, "2026-12-05T11:54:35.000Z", null]);
    for (const zone of ["cet", "est", "plus04"]) expect(since(zone)).toEqual(since("utc"));
  });

  it("IST (Kolkata, Dublin or Jerusalem) is never guessed: since is null and the value is reported", () => {
    const r = parseSystemctlShow(real("systemctl-show-panel-properties-ist.txt"));
    expect(r.units.map((u) => u.since)).toEqual([null, null, null, null, null]);
    expect(r.unrecognised).toEqual({
      count: 3,
      sample: [
        "webapp.service: ActiveEnterTimestamp=Sat 2026-12-05 17:24:35 IST",
        "flaky.service: ActiveEnterTimestamp=Sat 2026-12-05 17:25:11 IST",
        "bytes.service: ActiveEnterTimestamp=Sat 2026-12-05 17:24:35 IST",
      ],
    });
  });

  it("reads the states systemd reports: running, auto-restart with restarts, failed, exited, not found", () => {
    const r = parseSystemctlShow(real("systemctl-show-panel-properties-cet.txt"));
    expect(r.units.map((u) => [u.id, u.activeState, u.subState, u.mainPid, u.restarts])).toEqual([
      ["webapp.service", "active", "running", 36, 0],
      ["flaky.service", "activating", "auto-restart", null, 29],
      ["broken.service", "failed", "failed", null, 0],
      ["bytes.service", "active", "exited", null, 0],
      ["nope.service", "not-found", "dead", null, 0],
    ]);
    expect(r.units[0].description).toBe("Web app = demo (sleep)");
  });

  it("a full `systemctl show` (every property, n/a values, braces) is one unit", () => {
    const r = parseSystemctlShow(real("systemctl-show-all-properties-cet.txt"));
    expect(r.units).toHaveLength(1);
    expect(r.units[0]).toMatchObject({ id: "webapp.service", activeState: "active", since: "2026-12-05T11:54:35.000Z", mainPid: 36 });
  });

  it("lines that are not KEY=VALUE and blocks without an Id are reported", () => {
    const r = parseSystemctlShow("Failed to connect to bus: No such file or directory\n\nActiveState=active\nSubState=running\n");
    expect(r.units).toEqual([]);
    expect(r.unrecognised).toEqual({
      count: 2,
      sample: ["Failed to connect to bus: No such file or directory", "ActiveState=active SubState=running"],
    });
  });
});

describe("systemd timestamps in local zones (systemd-analyze timestamp, real)", () => {
  // "Normalized form:" is the local time, "(in UTC):" the same instant as systemd prints it in UTC.
  const pairs = corpus("real", "systemd", "systemd-analyze-timestamp").flatMap((f) => {
    const local = [...f.text.matchAll(/Normalized form: (.+)/g)].map((m) => m[1]);
    const utc = [...f.text.matchAll(/\(in UTC\): (.+)/g)].map((m) => m[1]);
    return local.map((l, i) => [f.name, l, utc[i]] as const);
  });

  it("has summer and winter times for each zone", () => {
    expect(pairs.map(([, l]) => l.split(" ").at(-1))).toEqual(["EDT", "EST", "AEST", "AEDT", "CEST", "CET"]);
  });

  it.each(pairs)("%s: %s is %s", (_f, local, utc) => {
    expect(parseSystemdTimestamp(local)).not.toBeNull();
    expect(parseSystemdTimestamp(local)).toBe(parseSystemdTimestamp(utc));
  });

  it("none, unrecognised and exact: empty and n/a are none; ambiguous, unknown and impossible times are unrecognised", () => {
    expect(readSystemdTimestamp("")).toEqual({ kind: "none" });
    expect(readSystemdTimestamp("n/a")).toEqual({ kind: "none" });
    for (const v of [
      "Thu 2026-11-26 15:01:02 CST",
      "Thu 2026-11-26 15:01:02 PST",
      "Thu 2026-11-26 15:01:02 XYZ",
      "Thu 2026-02-31 15:01:02 UTC",
      "Thu 2026-11-26 15:01:02 +15",
      "yesterday",
    ]) {
      expect(readSystemdTimestamp(v)).toEqual({ kind: "unrecognised", text: v });
    }
    expect(parseSystemdTimestamp("Thu 2026-11-26 19:31:02 +0530")).toBe("2026-11-26T14:01:02.000Z");
    expect(parseSystemdTimestamp("Thu 2026-11-26 11:01:02 -03")).toBe("2026-11-26T14:01:02.000Z");
  });
});

describe("journalctl -o json: every capture reads without leftovers", () => {
  const journals = corpus("real", "systemd", "journal-json");
  it.each(journals.map((f) => [f.name, f.text]))("%s", (_n, text) => {
    const r = parseJournal(text);
    expect(r.unrecognised).toEqual(none);
    expect(r.entries.length).toBe(text.split("\n").filter((l) => l.trim()).length);
  });

  it("a MESSAGE that is not UTF-8 comes as bytes and is decoded with replacement; control bytes are kept", () => {
    const { entries } = parseJournal(real("journal-json-non-utf8-bytes.json"));
    expect(entries.map((e) => e.message)).toEqual([
      "Starting bytes.service - Writes bytes that are not UTF-8...",
      "caf\ufffd latin1",
      "plain line",
      "line one",
      "line two",
      "bell \u0007 control",
      "Finished bytes.service - Writes bytes that are not UTF-8.",
    ]);
    expect(entries.map((e) => e.unit)).toEqual(Array(7).fill("bytes.service"));
  });

  it("a user unit's messages belong to the user unit, not to its user manager (user@0.service)", () => {
    const { entries } = parseJournal(real("journal-json-user-unit.json"));
    expect(entries.map((e) => [e.unit, e.identifier])).toEqual([
      ["hello-user.service", "systemd"],
      ["hello-user.service", "sh"],
      ["hello-user.service", "sh"],
    ]);
    expect(entries[2].message).toBe("bad \ufffd byte");
  });

  it("a restarting unit: systemd's own messages about it, with their priorities", () => {
    const { entries } = parseJournal(real("journal-json-restarting-unit.json"));
    expect(new Set(entries.map((e) => e.unit))).toEqual(new Set(["flaky.service"]));
    expect(entries.some((e) => e.priority !== null && e.priority <= 4)).toBe(true);
    expect(entries.every((e, i) => i === 0 || e.realtimeUs >= entries[i - 1].realtimeUs)).toBe(true);
  });

  it("lines that are not entries are reported, a time past what a Date holds is not a time", () => {
    const r = parseJournal('-- No entries --\n{"__CURSOR":"c","__REALTIME_TIMESTAMP":"9999999999999999999","MESSAGE":"x"}\n\n');
    expect(r.entries).toEqual([]);
    expect(r.unrecognised).toEqual({
      count: 2,
      sample: ["-- No entries --", '{"__CURSOR":"c","__REALTIME_TIMESTAMP":"9999999999999999999","MESSAGE":"x"}'],
    });
  });
});

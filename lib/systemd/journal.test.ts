import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { fieldText, parseJournal, parseJournalLine } from "./journal";

// Real journalctl 252 output (see fixtures/README.md).
const json = readFileSync(new URL("./fixtures/journal.json", import.meta.url), "utf8");

describe("parseJournal (real journalctl -o json)", () => {
  const { entries, unrecognised } = parseJournal(json);
  it("reads every entry", () => {
    expect(entries).toHaveLength(7);
    expect(unrecognised).toEqual({ count: 0, sample: [] });
    expect(entries[0]).toEqual({
      cursor: "s=1842e67633584b5c9bc9bc1a9515e414;i=1;b=0f1e2d3c4b5a69788796a5b4c3d2e1f0;m=4e2d80;t=6612e5fb185c0;x=96c8298c18f86ab9",
      at: "2026-11-26T14:01:02.123Z",
      realtimeUs: "1795701662123456",
      unit: "nginx.service",
      priority: 6,
      message: "Started the nginx worker",
      pid: 812,
      hostname: "frame1",
      identifier: "nginx",
    });
  });
  it("keeps quotes, prefers UNIT for systemd's own messages, decodes byte arrays, takes the first repeat", () => {
    expect(entries[1].message).toBe('upstream timed out (110: Connection timed out) while reading "response"; it\'s bad');
    expect(entries[1].priority).toBe(3);
    expect(entries[2]).toMatchObject({ unit: "home-assistant.service", pid: 1, identifier: "systemd" });
    expect(entries[3].message).toBe("latin1 caf\ufffd bytes \u001b[1m");
    expect(entries[4].message).toBe("multi\nline message with unicode ✓ and ünïcode");
    expect(entries[5]).toMatchObject({ unit: null, pid: null, priority: 5, message: "kernel: eth0: link up" });
    expect(entries[6].message).toBe("first value");
    expect(new Set(entries.map((e) => e.cursor)).size).toBe(7);
  });
  it("skips blank, non-JSON and cursor-less lines", () => {
    expect(parseJournalLine("")).toBeNull();
    expect(parseJournalLine("-- No entries --")).toBeNull();
    expect(parseJournalLine("{broken")).toBeNull();
    expect(parseJournalLine('{"MESSAGE":"x"}')).toBeNull();
    expect(fieldText([[104, 105], "x"])).toBe("hi");
    expect(fieldText(5)).toBeNull();
  });
});

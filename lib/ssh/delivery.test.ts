import { describe, expect, it } from "vitest";
import { LineDelivery, type OutputStream } from "./delivery";

describe("LineDelivery", () => {
  it("pauses while an async consumer works and keeps order", async () => {
    const events: string[] = [];
    const seen: string[] = [];
    const d = new LineDelivery(
      async (_s: OutputStream, line: string) => {
        seen.push(line);
        if (line === "1") await new Promise((r) => setTimeout(r, 20));
      },
      () => events.push("pause"),
      () => events.push("resume"),
      () => events.push("fail"),
    );
    for (const l of ["1", "2", "3"]) d.push("stdout", l);
    expect(seen).toEqual(["1"]);
    await d.idle();
    expect(seen).toEqual(["1", "2", "3"]);
    expect(events).toEqual(["pause", "resume"]);
  });

  it("reports the first consumer error once and drops later lines", async () => {
    const failures: unknown[] = [];
    const d = new LineDelivery(
      (_s, line) => {
        if (line === "bad") throw new Error("nope");
      },
      () => {},
      () => {},
      (err) => failures.push(err),
    );
    d.push("stdout", "ok");
    d.push("stdout", "bad");
    d.push("stdout", "bad");
    await d.idle();
    expect(failures).toHaveLength(1);
  });
});

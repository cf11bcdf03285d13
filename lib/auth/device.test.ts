import { describe, expect, it } from "vitest";
import { useTestDatabase } from "../test/db";
import { issueDevice, knownDevice } from "./device";

useTestDatabase();

describe("known-device cookies", () => {
  it("recognises its own cookie for the same user only, never a tampered or expired one", async () => {
    const now = Date.now();
    const { value, expires } = await issueDevice(7, now);
    expect(expires.getTime()).toBeGreaterThan(now + 300 * 86_400_000);
    const id = await knownDevice(value, 7, now);
    expect(id).toMatch(/^[\w-]{22}$/);
    expect(await knownDevice(value, 8, now)).toBeNull();
    expect(await knownDevice(value.replace(/\.7\./, ".8."), 8, now)).toBeNull();
    expect(await knownDevice(`${value.slice(0, -2)}AA`, 7, now)).toBeNull();
    expect(await knownDevice(value, 7, now + 401 * 86_400_000)).toBeNull();
    for (const junk of [undefined, "", "%E0%A4%A", "v1....", "x".repeat(10_000)]) expect(await knownDevice(junk, 7, now)).toBeNull();
  });
});

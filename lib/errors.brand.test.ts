// Errors made by another copy of lib/errors (server.ts's bundle vs Next's) are still recognised.
import { describe, expect, it, vi } from "vitest";
import * as here from "./errors";

async function otherCopy(): Promise<typeof here> {
  vi.resetModules();
  // @ts-expect-error a query suffix makes Vite load a second, separate instance of the module
  return (await import("./errors?copy")) as typeof here;
}

describe("domain errors across module copies", () => {
  it("instanceof, errorBody and httpStatus see an error made by another copy", async () => {
    const other = await otherCopy();
    expect(other.ConflictError).not.toBe(here.ConflictError);
    const err = new other.ConflictError("deploy #6 is running on this machine");
    expect(err instanceof here.ConflictError).toBe(true);
    expect(err instanceof here.DomainError).toBe(true);
    expect(err instanceof here.NotFoundError).toBe(false);
    expect(here.httpStatus(err)).toBe(409);
    expect(here.errorBody(err)).toEqual({ error: { code: "conflict", message: "deploy #6 is running on this machine" } });
  });

  it("a plain Error or a look-alike object is not a domain error", () => {
    expect(new Error("x") instanceof here.DomainError).toBe(false);
    expect({ code: "conflict", message: "x" } instanceof here.DomainError).toBe(false);
    expect(here.httpStatus(new Error("x"))).toBe(500);
  });

  it("an unbranded subclass is not confused with its parent's brand", () => {
    class Sub extends here.ConflictError {}
    expect(new here.ConflictError("x") instanceof Sub).toBe(false);
    expect(new Sub("x") instanceof Sub).toBe(true);
    expect(new Sub("x") instanceof here.ConflictError).toBe(true);
  });
});

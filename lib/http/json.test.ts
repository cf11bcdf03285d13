// Route handlers answer domain errors thrown by the job runner and the SSH pool, which live on
// globalThis and were made by server.ts's copy of lib/errors, with their own status and body.
import { describe, expect, it, vi } from "vitest";
import * as here from "../errors";
import { errorResponse } from "./json";

async function otherCopy(): Promise<typeof here> {
  vi.resetModules();
  // @ts-expect-error a query suffix makes Vite load a second, separate instance of the module
  return (await import("../errors?copy")) as typeof here;
}

describe("errorResponse", () => {
  it("answers a conflict from another copy of lib/errors with 409 and its message and fields", async () => {
    const other = await otherCopy();
    const res = errorResponse(new other.ConflictError("deploy #3 is running", { kind: "busy" }));
    expect(res.status).toBe(409);
    expect(await res.json()).toEqual({ error: { code: "conflict", message: "deploy #3 is running", fields: { kind: "busy" } } });
  });

  it("answers validation and not-found errors from another copy with 400 and 404", async () => {
    const other = await otherCopy();
    expect(errorResponse(new other.ValidationError("bad kind", { kind: "unknown" })).status).toBe(400);
    expect(errorResponse(new other.NotFoundError("no machine")).status).toBe(404);
  });

  it("answers anything else with 500 and no detail", async () => {
    const spy = vi.spyOn(console, "error").mockImplementation(() => {});
    const res = errorResponse(Object.assign(new Error("refused"), { code: "ECONNREFUSED" }));
    spy.mockRestore();
    expect(res.status).toBe(500);
    expect((await res.json()).error.code).toBe("internal");
  });
});

import { describe, expect, it } from "vitest";
import { DomainError, httpStatus } from "../errors";
import { sameRealmError } from "./foreign-errors";

class ForeignDomainError extends Error {
  constructor(readonly code: string, message: string, readonly fields?: Record<string, string>) {
    super(message);
  }
}

describe("sameRealmError", () => {
  it("maps a domain error from another copy of lib/errors to this one's status", () => {
    const foreign = new ForeignDomainError("conflict", "deploy #3 is running", { kind: "busy" });
    expect(httpStatus(foreign)).toBe(500);
    const mapped = sameRealmError(foreign);
    expect(mapped).toBeInstanceOf(DomainError);
    expect(httpStatus(mapped)).toBe(409);
    expect(mapped).toMatchObject({ message: "deploy #3 is running", fields: { kind: "busy" } });
  });
  it("leaves everything else alone", () => {
    const sys = Object.assign(new Error("refused"), { code: "ECONNREFUSED" });
    expect(sameRealmError(sys)).toBe(sys);
    const local = new DomainError("not_found", "x");
    expect(sameRealmError(local)).toBe(local);
    expect(sameRealmError("text")).toBe("text");
  });
});

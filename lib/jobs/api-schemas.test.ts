// The job-id segment of /api/jobs/[id]/... and /jobs/[id]: one zod schema, a 400 naming the rule.
import { describe, expect, it } from "vitest";
import { httpStatus, ValidationError } from "../errors";
import { jobIdOf, jobIdParam } from "./api-schemas";

describe("jobIdOf", () => {
  it("reads a plain positive integer", () => {
    expect(jobIdOf("1")).toBe(1);
    expect(jobIdOf("42")).toBe(42);
    expect(jobIdOf("9999999999")).toBe(9_999_999_999);
  });

  it.each(["", "0", "-1", "+1", "01", "1.0", "1e3", " 1", "1 ", "0x10", "abc", "12345678901", "1;ls", "NaN", "Infinity"])(
    "refuses %j with a 400 naming the field",
    (raw) => {
      let caught: unknown;
      try {
        jobIdOf(raw);
      } catch (err) {
        caught = err;
      }
      expect(caught).toBeInstanceOf(ValidationError);
      expect(httpStatus(caught)).toBe(400);
      expect(caught).toMatchObject({ message: "Not a job id.", fields: { id: "must be a positive integer" } });
    },
  );

  it("the page and the routes share the schema", () => {
    expect(jobIdParam.safeParse("7")).toEqual({ success: true, data: 7 });
    expect(jobIdParam.safeParse("07").success).toBe(false);
  });
});

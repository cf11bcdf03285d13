// The fleet's status and summary from its children: final only when every child is, one failure
// never hides the others' outcomes.
import { describe, expect, it } from "vitest";
import { fleetSummary, waitingText } from "./fleet";

const kids = (...statuses: string[]) => statuses.map((status, i) => ({ machine: `m${i + 1}`, status }));

describe("fleetSummary", () => {
  it("counts each outcome in a fixed order and names the machines that did not succeed", () => {
    const s = fleetSummary(kids("succeeded", "rolled-back", "succeeded"));
    expect(s).toEqual({
      status: "failed",
      text: "2 succeeded, 1 rolled back",
      counts: { succeeded: 2, "rolled-back": 1 },
      problems: ["m2"],
    });
  });

  it("is running while any child is queued or running, whatever the others did", () => {
    expect(fleetSummary(kids("failed", "queued")).status).toBe("running");
    expect(fleetSummary(kids("succeeded", "running")).text).toBe("1 succeeded, 1 running");
  });

  it("succeeded only when every child succeeded; cancelled only when every child was cancelled", () => {
    expect(fleetSummary(kids("succeeded", "succeeded")).status).toBe("succeeded");
    expect(fleetSummary(kids("cancelled", "cancelled")).status).toBe("cancelled");
    const mixed = fleetSummary(kids("succeeded", "cancelled"));
    expect(mixed.status).toBe("failed");
    expect(mixed.problems).toEqual([]);
  });

  it("counts interrupted children as problems, and never calls an unknown status final", () => {
    const s = fleetSummary(kids("interrupted", "failed"));
    expect(s).toMatchObject({ status: "failed", text: "1 failed, 1 interrupted", problems: ["m1", "m2"] });
    expect(fleetSummary(kids("succeeded", "weird"))).toMatchObject({ status: "running", text: "1 succeeded, 1 weird" });
  });

  it("an empty fleet is never reported as succeeded", () => {
    expect(fleetSummary([])).toMatchObject({ status: "failed", text: "no machines" });
  });
});

describe("waitingText", () => {
  const job = { id: 12, machine: "frame2", status: "queued" };
  it("names the change running on the machine", () => {
    expect(waitingText(job, { running: { id: 9, kind: "deploy" }, waiting: [12] })).toBe("waiting for deploy #9 on frame2");
  });
  it("names the job just ahead when nothing runs yet", () => {
    expect(waitingText(job, { running: null, waiting: [10, 12] })).toBe("waiting for job #10 on frame2");
  });
  it("says nothing once the job runs or ended, or when nothing is known", () => {
    expect(waitingText({ ...job, status: "running" }, { running: { id: 12, kind: "deploy" }, waiting: [] })).toBeNull();
    expect(waitingText(job, undefined)).toBeNull();
    expect(waitingText(job, { running: null, waiting: [12] })).toBeNull();
  });
});

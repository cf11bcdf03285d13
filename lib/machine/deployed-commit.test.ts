import { describe, expect, it } from "vitest";
import { deployedCommit, headMoved } from "./deployed-commit";
import { generationJobs } from "./generation-jobs";

const A = "a1b2c3d4e5f60718293a4b5c6d7e8f9012345678";
const B = "b2c3d4e5f60718293a4b5c6d7e8f901234567890";
const SYS1 = "/nix/store/0a1b2c3d4f5g6h7i8j9k0l1m2n3p4q5r-nixos-system-frame1-1";
const SYS2 = "/nix/store/1a1b2c3d4f5g6h7i8j9k0l1m2n3p4q5r-nixos-system-frame1-2";

describe("deployedCommit", () => {
  const deploys = [
    { id: 9, newSystem: SYS2, commit: B, commitSubject: "grafana: bump", dirty: true },
    { id: 7, newSystem: SYS1, commit: A, commitSubject: "lab: initial", dirty: false },
  ];
  it("names the commit of the deploy that left the running system", () => {
    expect(deployedCommit("frame1", SYS1, deploys)).toEqual({
      jobId: 7,
      commit: A,
      subject: "lab: initial",
      dirty: false,
      text: "frame1 runs a1b2c3d 'lab: initial'",
    });
    expect(deployedCommit("frame1", SYS2, deploys)?.text).toBe("frame1 runs b2c3d4e 'grafana: bump' plus uncommitted changes");
  });
  it("is unknown when no deploy left it, none recorded a commit, or the machine could not be read", () => {
    expect(deployedCommit("frame1", "/nix/store/other", deploys)).toBeNull();
    expect(deployedCommit("frame1", null, deploys)).toBeNull();
    expect(deployedCommit("frame1", SYS1, [{ id: 3, newSystem: SYS1, commit: null, commitSubject: null, dirty: null }])).toBeNull();
  });
});

describe("headMoved", () => {
  const deployed = deployedCommit("frame1", SYS1, [{ id: 7, newSystem: SYS1, commit: A, commitSubject: "x", dirty: false }]);
  it("says when HEAD is not the deployed commit", () => {
    expect(headMoved(deployed, { hash: B, subject: "grafana: bump" })).toBe(
      "the checkout's HEAD has moved past the deployed commit a1b2c3d: it is b2c3d4e 'grafana: bump'",
    );
  });
  it("says nothing when they match or either is unknown", () => {
    expect(headMoved(deployed, { hash: A, subject: "x" })).toBeNull();
    expect(headMoved(null, { hash: B, subject: "x" })).toBeNull();
    expect(headMoved(deployed, null)).toBeNull();
  });
});

describe("generationJobs carries the deploy's commit", () => {
  it("to the generation that deploy made", () => {
    const rows = generationJobs(
      [{ number: 2, date: "2026-12-05T10:00:01Z", current: true }],
      [
        {
          id: 4,
          status: "succeeded",
          startedAt: new Date("2026-12-05T10:00:00Z"),
          finishedAt: new Date("2026-12-05T10:00:05Z"),
          requestedBy: "otto",
          newSystem: SYS2,
          commit: B,
          commitSubject: "grafana: bump",
          dirty: false,
        },
      ],
    );
    expect(rows[0].job).toMatchObject({ id: 4, commit: B, commitSubject: "grafana: bump", dirty: false });
  });
});

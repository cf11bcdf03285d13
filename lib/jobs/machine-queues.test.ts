import { describe, expect, it } from "vitest";
import { MachineQueues } from "./machine-queues";

describe("MachineQueues", () => {
  it("runs one job per machine, in order, and reports positions", () => {
    const q = new MachineQueues();
    expect(q.add("frame1", 1)).toBe(true);
    expect(q.add("frame1", 2)).toBe(false);
    expect(q.add("frame1", 3)).toBe(false);
    expect(q.add("frame2", 4)).toBe(true);
    expect([q.position(1), q.position(2), q.position(3), q.position(4)]).toEqual([null, 1, 2, null]);
    expect(q.finish("frame1", 1)).toBe(2);
    expect(q.position(3)).toBe(1);
    expect(q.snapshot("frame1")).toEqual({ running: 2, waiting: [3] });
  });

  it("removes a waiting job and ignores finishes of jobs that are not running", () => {
    const q = new MachineQueues();
    q.add("m", 1);
    q.add("m", 2);
    q.add("m", 3);
    expect(q.remove("m", 2)).toBe(true);
    expect(q.remove("m", 1)).toBe(false);
    expect(q.finish("m", 3)).toBeNull();
    expect(q.allWaiting()).toEqual([{ machine: "m", jobId: 3 }]);
    expect(q.finish("m", 1)).toBe(3);
    expect(q.finish("m", 3)).toBeNull();
    expect(q.add("m", 5)).toBe(true);
  });
});

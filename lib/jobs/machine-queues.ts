// Per machine, jobs that change it run one at a time, in the order they were requested.
// Pure bookkeeping; the runner starts what this says may start.

type Lane = { running: number | null; waiting: number[] };

export class MachineQueues {
  private readonly lanes = new Map<string, Lane>();

  private lane(machine: string): Lane {
    let lane = this.lanes.get(machine);
    if (!lane) this.lanes.set(machine, (lane = { running: null, waiting: [] }));
    return lane;
  }

  /** Adds a job; true when it may start now (nothing runs on that machine). */
  add(machine: string, jobId: number): boolean {
    const lane = this.lane(machine);
    if (lane.running === null && lane.waiting.length === 0) {
      lane.running = jobId;
      return true;
    }
    lane.waiting.push(jobId);
    return false;
  }

  /** Takes a waiting job out (cancelled before it started). */
  remove(machine: string, jobId: number): boolean {
    const lane = this.lanes.get(machine);
    const i = lane ? lane.waiting.indexOf(jobId) : -1;
    if (!lane || i < 0) return false;
    lane.waiting.splice(i, 1);
    return true;
  }

  /** The running job ended; returns the job that may start next, if any. */
  finish(machine: string, jobId: number): number | null {
    const lane = this.lanes.get(machine);
    if (!lane || lane.running !== jobId) return null;
    lane.running = lane.waiting.shift() ?? null;
    if (lane.running === null) this.lanes.delete(machine);
    return lane.running;
  }

  /** How many jobs are ahead of a waiting job (the running one counts); null when not waiting. */
  position(jobId: number): number | null {
    for (const lane of this.lanes.values()) {
      const i = lane.waiting.indexOf(jobId);
      if (i >= 0) return i + (lane.running === null ? 0 : 1);
    }
    return null;
  }

  snapshot(machine: string): { running: number | null; waiting: number[] } {
    const lane = this.lanes.get(machine);
    return { running: lane?.running ?? null, waiting: [...(lane?.waiting ?? [])] };
  }

  /** Every waiting job, machine by machine (for shutdown). */
  allWaiting(): { machine: string; jobId: number }[] {
    return [...this.lanes].flatMap(([machine, lane]) => lane.waiting.map((jobId) => ({ machine, jobId })));
  }
}

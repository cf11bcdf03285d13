// Hands lines to the consumer in order. A consumer that returns a promise applies backpressure:
// the source is paused (so ssh2 stops granting window to the remote) until the promise settles.
export type OutputStream = "stdout" | "stderr";
export type OnLine = (stream: OutputStream, line: string) => void | Promise<void>;

export class LineDelivery {
  private queue: [OutputStream, string][] = [];
  private head = 0;
  private busy: Promise<void> | null = null;
  /** The first error thrown by the consumer; later lines are dropped. */
  failure: unknown = undefined;

  constructor(
    private readonly onLine: OnLine,
    private readonly pause: () => void,
    private readonly resume: () => void,
    private readonly onFailure: (err: unknown) => void,
  ) {}

  push(stream: OutputStream, line: string): void {
    if (this.failure !== undefined) return;
    if (this.busy) {
      this.queue.push([stream, line]);
      return;
    }
    try {
      const result = this.onLine(stream, line);
      if (result instanceof Promise) {
        this.pause();
        this.busy = this.drain(result);
      }
    } catch (err) {
      this.fail(err);
    }
  }

  /** Resolves when every line pushed so far has been handled. */
  idle(): Promise<void> {
    return this.busy ?? Promise.resolve();
  }

  private async drain(first: Promise<void>): Promise<void> {
    try {
      await first;
      while (this.head < this.queue.length && this.failure === undefined) {
        const [stream, line] = this.queue[this.head++];
        await this.onLine(stream, line);
      }
    } catch (err) {
      this.fail(err);
    } finally {
      this.queue = [];
      this.head = 0;
      this.busy = null;
      this.resume();
    }
  }

  private fail(err: unknown): void {
    if (this.failure !== undefined) return;
    this.failure = err;
    this.onFailure(err);
  }
}

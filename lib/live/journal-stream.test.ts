// JournalStream over a real socket.io server and client on loopback: journalctl lines that are not
// entries reach the viewer as the stream's `unrecognised` (count and first lines), with the entries.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { Server, type Socket } from "socket.io";
import { io as connect, type Socket as ClientSocket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixture } from "../fixtures/corpus.test-support";
import type { Unrecognised } from "../parse/unrecognised";
import type { WireJournalEntry } from "./events";
import { DEFAULT_JOURNAL_STREAM, JournalStream } from "./journal-stream";

type Batch = { streamId: string; entries: WireJournalEntry[]; unrecognised?: Unrecognised };

let server: Server;
let client: ClientSocket;
let serverSocket: Socket;

beforeAll(async () => {
  const http = createServer();
  server = new Server(http);
  const connected = new Promise<Socket>((resolve) => server.on("connection", resolve));
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
  client = connect(`http://127.0.0.1:${(http.address() as AddressInfo).port}`, { transports: ["websocket"] });
  serverSocket = await connected;
});

afterAll(async () => {
  client.close();
  await server.close();
});

/** Collects journal:entries until `done` says the batches so far are complete. */
function collect(done: (batches: Batch[]) => boolean): Promise<Batch[]> {
  const batches: Batch[] = [];
  return new Promise((resolve) => {
    const on = (b: Batch) => {
      batches.push(b);
      if (done(batches)) {
        client.off("journal:entries", on);
        resolve(batches);
      }
    };
    client.on("journal:entries", on);
  });
}

describe("JournalStream and unrecognised journalctl lines", () => {
  it("sends the entries and, beside them, how many lines were not entries and the first of them", async () => {
    const real = fixture("real", "systemd", "journal-json-non-utf8-bytes.json").split("\n").filter(Boolean);
    const lines = [real[0], "Failed to open journal: Permission denied", real[1], "{broken", "", real[2]];
    const got = collect((b) => b.flatMap((x) => x.entries).length === 3 && b.some((x) => x.unrecognised?.count === 2));
    let feed!: (line: string) => void;
    let finish!: (reason: string) => void;
    const stream = new JournalStream(
      "s1",
      DEFAULT_JOURNAL_STREAM,
      (onLine) => {
        feed = onLine;
        return new Promise((resolve) => (finish = resolve));
      },
      () => undefined,
      () => undefined,
    );
    stream.join(serverSocket);
    for (const l of lines) feed(l);
    const batches = await got;
    expect(batches.flatMap((b) => b.entries).map((e) => e.message)).toEqual([
      "Starting bytes.service - Writes bytes that are not UTF-8...",
      "caf\ufffd latin1",
      "plain line",
    ]);
    expect(batches.at(-1)?.unrecognised).toEqual({ count: 2, sample: ["Failed to open journal: Permission denied", "{broken"] });

    // A viewer joining later gets the backlog and the count so far in one batch.
    const late = collect(() => true);
    stream.join(serverSocket);
    const [first] = await late;
    expect(first.entries).toHaveLength(3);
    expect(first.unrecognised).toEqual({ count: 2, sample: ["Failed to open journal: Permission denied", "{broken"] });
    finish("done");
    await stream.done;
  });

  it("a stream of only entries never sends an unrecognised part", async () => {
    const real = fixture("real", "systemd", "journal-json-user-unit.json").split("\n").filter(Boolean);
    const got = collect((b) => b.flatMap((x) => x.entries).length === real.length);
    let finish!: (reason: string) => void;
    const stream = new JournalStream(
      "s2",
      DEFAULT_JOURNAL_STREAM,
      (onLine) => {
        for (const l of real) onLine(l);
        return new Promise((resolve) => (finish = resolve));
      },
      () => undefined,
      () => undefined,
    );
    stream.join(serverSocket);
    const batches = await got;
    expect(batches.every((b) => b.unrecognised === undefined)).toBe(true);
    expect(batches.flatMap((b) => b.entries).map((e) => e.unit)).toEqual([
      "hello-user.service",
      "hello-user.service",
      "hello-user.service",
    ]);
    finish("done");
    await stream.done;
  });
});

describe("JournalStream and a viewer that falls behind", () => {
  it("drops the viewer with a typed journal:resync (not journal:ended), so it subscribes again", async () => {
    const real = fixture("real", "systemd", "journal-json-user-unit.json").split("\n").filter(Boolean);
    const ended: unknown[] = [];
    const onEnded = (p: { streamId: string }) => p.streamId === "s3" && ended.push(p);
    client.on("journal:ended", onEnded);
    const resync = new Promise<unknown>((resolve) => client.once("journal:resync", resolve));
    const dropped: Socket[] = [];
    let finish!: (reason: string) => void;
    // Any bytes at all still unsent count as "behind": the first batch finds the viewer over it.
    const stream = new JournalStream(
      "s3",
      { ...DEFAULT_JOURNAL_STREAM, maxPendingBytes: -1 },
      (onLine) => {
        for (const l of real) onLine(l);
        return new Promise((resolve) => (finish = resolve));
      },
      () => undefined,
      (_stream, socket) => dropped.push(socket),
    );
    stream.join(serverSocket);
    expect(await resync).toEqual({ streamId: "s3" });
    expect(dropped).toEqual([serverSocket]);
    expect(stream.viewers.size).toBe(0);
    finish("done");
    await stream.done;
    client.off("journal:ended", onEnded);
    expect(ended).toEqual([]); // the stream ended after the viewer left: nothing was sent to it
  });
});

import "server-only";
// The edge of every live event: parse the payload with zod, authorise, answer through the ack
// and "app:error" in the one error shape. Nothing changes on a refused event.
import type { Socket } from "socket.io";
import type { z } from "zod";
import { errorBody, ValidationError } from "../errors";
import type { Permission } from "../auth/permissions";
import type { Ack, ErrorBody } from "./events";
import { allowed } from "./auth";

export type AnyAck = Ack<Record<string, unknown>> | undefined;

/** The ack, when the client passed a function (a hostile client may pass anything). */
export function ackOf(arg: unknown): AnyAck {
  return typeof arg === "function" ? (arg as Ack<Record<string, unknown>>) : undefined;
}

export function refuse(socket: Socket, event: string, ack: AnyAck, err: unknown): void {
  const body: ErrorBody = errorBody(err);
  if (!(err instanceof ValidationError) && body.error.code === "internal") console.error(`[live] ${event}:`, err);
  socket.emit("app:error", { ...body, event });
  ack?.({ ok: false, ...body });
}

/** Parsed payload, or null after answering with an error (malformed or not allowed). */
export function accept<S extends z.ZodType>(
  socket: Socket,
  event: string,
  permission: Permission,
  schema: S,
  payload: unknown,
  ack: AnyAck,
): z.infer<S> | null {
  const parsed = schema.safeParse(payload);
  if (!parsed.success) {
    const fields = Object.fromEntries(parsed.error.issues.map((i) => [i.path.join(".") || "payload", i.message]));
    refuse(socket, event, ack, new ValidationError(`Invalid ${event} payload.`, fields));
    return null;
  }
  if (!allowed(socket, permission)) {
    ack?.({ ok: false, error: { code: (socket.data as { user: unknown }).user ? "forbidden" : "unauthorized", message: "Not allowed." } });
    return null;
  }
  return parsed.data;
}

/** Bytes queued in engine.io for this socket and not yet handed to the transport. */
export function pendingBytes(socket: Socket): number {
  const buffer = (socket.conn as unknown as { writeBuffer?: { data?: unknown }[] }).writeBuffer ?? [];
  let n = 0;
  for (const p of buffer) n += typeof p.data === "string" ? p.data.length : p.data instanceof Uint8Array ? p.data.byteLength : 64;
  return n;
}

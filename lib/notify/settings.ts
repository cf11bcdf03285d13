import "server-only";
// Channels as the settings page sees them (never their secrets), saving and deleting them, and the delivery log.
import { db } from "../db/client";
import { unique } from "../db/prisma-errors";
import { NotFoundError } from "../errors";
import type { ChannelInput } from "../validation/notify";
import { FAILING_AFTER } from "./notifier";

export type ChannelView = {
  id: number;
  name: string;
  kind: string;
  /** Where it sends, for display: a URL, or "user@host:port → to". */
  target: string;
  config: Record<string, unknown>;
  secret: "stored" | "file" | "none";
  secretFile: string | null;
  rules: string[];
  enabled: boolean;
  failing: boolean;
  consecutiveFailures: number;
};

function targetOf(kind: string, c: Record<string, unknown>): string {
  if (kind === "email") return `${String(c.host)}:${String(c.port)} (${String(c.security)}) → ${String(c.to)}`;
  return String(c.url ?? "");
}

function parseConfig(text: string): Record<string, unknown> {
  try {
    const v: unknown = JSON.parse(text);
    return v && typeof v === "object" ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

export async function listChannels(): Promise<ChannelView[]> {
  const rows = await db().notifyChannel.findMany({ orderBy: { name: "asc" } });
  return rows.map((r) => {
    const config = parseConfig(r.config);
    return {
      id: r.id,
      name: r.name,
      kind: r.kind,
      target: targetOf(r.kind, config),
      config,
      secret: r.secretFile ? "file" : r.secret ? "stored" : "none",
      secretFile: r.secretFile,
      rules: r.events.split(",").filter(Boolean),
      enabled: r.enabled,
      failing: r.consecutiveFailures >= FAILING_AFTER,
      consecutiveFailures: r.consecutiveFailures,
    };
  });
}

/** Creates (no id) or updates a channel. An empty secret keeps the stored one unless `clearSecret`. */
export async function saveChannel(input: ChannelInput): Promise<number> {
  const config = "to" in input.config ? { ...input.config, to: input.config.to.join(", ") } : input.config;
  const secret = input.secret
    ? { secret: input.secret, secretFile: null }
    : input.secretFile
      ? { secret: null, secretFile: input.secretFile }
      : input.clearSecret === "1" || !input.id
        ? { secret: null, secretFile: null }
        : {};
  const data = { name: input.name, kind: input.kind, config: JSON.stringify(config), events: input.rules.join(","), ...secret };
  const taken = "A channel with this name exists.";
  if (!input.id) return (await unique(() => db().notifyChannel.create({ data }), "name", taken)).id;
  const id = input.id;
  const found = await db().notifyChannel.findUnique({ where: { id }, select: { id: true } });
  if (!found) throw new NotFoundError("This channel no longer exists.");
  await unique(() => db().notifyChannel.update({ where: { id }, data: { ...data, consecutiveFailures: 0 } }), "name", taken);
  return id;
}

export async function deleteChannel(id: number): Promise<void> {
  const { count } = await db().notifyChannel.deleteMany({ where: { id } });
  if (count === 0) throw new NotFoundError("This channel no longer exists.");
}

export type DeliveryView = {
  id: number;
  at: string;
  event: string;
  kind: string;
  channel: string;
  attempts: number;
  status: string;
  error: string | null;
};

export async function deliveryLog(limit = 50): Promise<DeliveryView[]> {
  const rows = await db().notifyDelivery.findMany({
    orderBy: { id: "desc" },
    take: limit,
    include: { event: { select: { title: true, kind: true } }, channel: { select: { name: true } } },
  });
  return rows.map((d) => ({
    id: d.id,
    at: d.updatedAt.toISOString(),
    event: d.event.title,
    kind: d.event.kind,
    channel: d.channel.name,
    attempts: d.attempts,
    status: d.status,
    error: d.lastError,
  }));
}

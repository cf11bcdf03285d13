import "server-only";
// Generic webhook: POST a JSON body; with a secret, `X-Panel-Signature: sha256=<hex>` is the
// HMAC-SHA256 of the raw body bytes under that secret (the receiver recomputes and compares).
import { createHmac } from "node:crypto";
import type { WebhookConfig } from "../validation/notify";
import { postBounded } from "./http-post";
import type { Message } from "./types";

export const SIGNATURE_HEADER = "X-Panel-Signature";

export function signBody(secret: string, body: string): string {
  return `sha256=${createHmac("sha256", secret).update(body, "utf8").digest("hex")}`;
}

export function webhookBody(m: Message): string {
  return JSON.stringify({
    kind: m.kind,
    subject: m.subject,
    title: m.title,
    message: m.message,
    severity: m.severity,
    at: m.at.toISOString(),
    eventId: m.eventId,
  });
}

export async function sendWebhook(c: WebhookConfig, secret: string | null, m: Message, timeoutMs: number): Promise<void> {
  const body = webhookBody(m);
  const headers: Record<string, string> = { "Content-Type": "application/json", "User-Agent": "homelab-panel" };
  if (secret) headers[SIGNATURE_HEADER] = signBody(secret, body);
  await postBounded(c.url, { headers, body }, timeoutMs);
}

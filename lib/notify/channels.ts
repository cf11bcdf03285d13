import "server-only";
// Sends one message through one stored channel: parses its stored config, reads its secret, picks the sender.
import { configSchemas, type ChannelKind } from "../validation/notify";
import { channelSecret } from "./secret";
import { sendEmail } from "./send-email";
import { sendNtfy } from "./send-ntfy";
import { sendWebhook } from "./send-webhook";
import type { Message } from "./types";

export type ChannelRow = { id: number; name: string; kind: string; config: string; secret: string | null; secretFile: string | null };

export async function sendThrough(c: ChannelRow, m: Message, timeoutMs: number, secretDirs: readonly string[]): Promise<void> {
  const kind = c.kind as ChannelKind;
  const schema = configSchemas[kind];
  if (!schema) throw new Error(`unknown channel kind ${c.kind}`);
  let raw: unknown;
  try {
    raw = JSON.parse(c.config);
  } catch {
    throw new Error("the stored settings are not valid JSON");
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new Error(`the stored settings are invalid: ${parsed.error.issues[0]?.message ?? "?"}`);
  const secret = await channelSecret(c, secretDirs);
  if (kind === "ntfy") return sendNtfy(configSchemas.ntfy.parse(raw), secret, m, timeoutMs);
  if (kind === "webhook") return sendWebhook(configSchemas.webhook.parse(raw), secret, m, timeoutMs);
  return sendEmail(configSchemas.email.parse(raw), secret, m, timeoutMs);
}

import "server-only";
// ntfy: POST the message to the topic URL; title, priority and tags as ntfy's headers
// (https://docs.ntfy.sh/publish/), non-ASCII titles as RFC 2047 encoded-words, which ntfy decodes.
import type { NtfyConfig } from "../validation/notify";
import { postBounded } from "./http-post";
import type { Message, Severity } from "./types";

const PRIORITY: Record<Severity, string> = { bad: "high", good: "default", info: "default" };
const TAGS: Record<Severity, string> = { bad: "rotating_light", good: "white_check_mark", info: "information_source" };

export function headerText(text: string): string {
  const flat = text.replace(/[\r\n]+/g, " ");
  return /^[\x20-\x7e]*$/.test(flat) ? flat : `=?UTF-8?B?${Buffer.from(flat, "utf8").toString("base64")}?=`;
}

export async function sendNtfy(c: NtfyConfig, token: string | null, m: Message, timeoutMs: number): Promise<void> {
  const headers: Record<string, string> = {
    "Content-Type": "text/plain; charset=utf-8",
    Title: headerText(m.title),
    Priority: PRIORITY[m.severity],
    Tags: m.kind === "test" ? "test_tube" : TAGS[m.severity],
  };
  if (token) headers.Authorization = `Bearer ${token}`;
  await postBounded(c.url, { headers, body: m.message }, timeoutMs);
}

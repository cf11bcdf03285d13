import "server-only";
// A channel's secret: read from its file at send time (agenix), else the stored one, else none.
import { readFile } from "node:fs/promises";

export class SecretError extends Error {}

export async function channelSecret(c: { secret: string | null; secretFile: string | null }): Promise<string | null> {
  if (c.secretFile) {
    try {
      const text = await readFile(c.secretFile, "utf8");
      return text.replace(/\r?\n$/, "");
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code ?? "error";
      throw new SecretError(`cannot read the secret file ${c.secretFile} (${code})`);
    }
  }
  return c.secret || null;
}

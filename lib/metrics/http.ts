import "server-only";
// One bounded HTTP GET for metrics sources: a time-out, a size limit read while it streams, and a
// typed error that says what went wrong (shown to users as the "no data" reason).
import { DomainError } from "../errors";

/** A metrics source that is down, slow, too large or answers nonsense: the message says which. */
export class MetricsSourceError extends DomainError {
  static readonly brand: string = "MetricsSourceError";
  constructor(message: string) {
    super("metrics_unavailable", message);
  }
}

export type FetchLimits = { timeoutMs: number; maxBytes: number; signal?: AbortSignal };

export async function fetchText(url: string, limits: FetchLimits): Promise<string> {
  const timeout = AbortSignal.timeout(limits.timeoutMs);
  const signal = limits.signal ? AbortSignal.any([limits.signal, timeout]) : timeout;
  let res: Response;
  try {
    res = await fetch(url, { signal, redirect: "error", headers: { accept: "application/json, text/plain" } });
  } catch (err) {
    if (timeout.aborted) throw new MetricsSourceError(`${url} did not answer within ${limits.timeoutMs} ms.`);
    const cause = (err as { cause?: { code?: string; message?: string } }).cause;
    throw new MetricsSourceError(`${url} is unreachable (${cause?.code ?? cause?.message ?? (err as Error).message}).`);
  }
  const reader = res.body?.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      if (!reader) break;
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > limits.maxBytes) {
        await reader.cancel().catch(() => undefined);
        throw new MetricsSourceError(`${url} answered more than ${limits.maxBytes} bytes.`);
      }
      chunks.push(value);
    }
  } catch (err) {
    if (err instanceof MetricsSourceError) throw err;
    throw new MetricsSourceError(
      timeout.aborted ? `${url} did not finish within ${limits.timeoutMs} ms.` : `${url}: ${(err as Error).message}`,
    );
  }
  const text = Buffer.concat(chunks).toString("utf8");
  if (!res.ok && res.status !== 400 && res.status !== 422) {
    throw new MetricsSourceError(`${url} answered HTTP ${res.status}${text ? `: ${text.slice(0, 200)}` : ""}.`);
  }
  return text;
}

import "server-only";
// One bounded outbound POST: a time-out on the whole exchange, no redirects followed, a short error.

export async function postBounded(url: string, init: { headers: Record<string, string>; body: string }, timeoutMs: number): Promise<void> {
  let res: Response;
  try {
    res = await fetch(url, {
      method: "POST",
      headers: init.headers,
      body: init.body,
      redirect: "manual",
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (err) {
    const e = err as Error & { cause?: { code?: string; message?: string } };
    if (e.name === "TimeoutError" || e.name === "AbortError") throw new Error(`no answer within ${timeoutMs} ms`, { cause: err });
    throw new Error(e.cause?.code ?? e.cause?.message ?? e.message, { cause: err });
  }
  // The body is read (bounded by the same time-out) only to free the connection.
  const text = await res.text().catch(() => "");
  if (res.status < 200 || res.status >= 300) throw new Error(`HTTP ${res.status}${text ? `: ${text.slice(0, 200).trim()}` : ""}`);
}

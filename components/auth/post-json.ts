// Client helper: POST JSON, return the parsed body and status; the one error shape on failure.
export type ApiError = { error: { code: string; message: string; fields?: Record<string, string> } };

export async function postJson<T>(url: string, body: unknown): Promise<{ ok: true; data: T } | ({ ok: false; status: number } & ApiError)> {
  try {
    const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    const json = await res.json().catch(() => null);
    if (res.ok) return { ok: true, data: json as T };
    const err = (json as ApiError | null)?.error ?? { code: "http_error", message: `The server answered ${res.status}.` };
    return { ok: false, status: res.status, error: err };
  } catch {
    return { ok: false, status: 0, error: { code: "network", message: "Could not reach the panel. Check your connection and try again." } };
  }
}

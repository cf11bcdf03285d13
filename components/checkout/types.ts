// What "Fetch" and "Pull" answer (plain JSON, no server modules).
export type FetchReply = { ok: true; ahead: number | null; behind: number | null } | { ok: false; message: string };
export type PullReply = { ok: true; head: string | null } | { ok: false; message: string };
export type DecisionReply = { ok: true; commit: string | null; deployJob: number | null; note: string } | { ok: false; message: string };

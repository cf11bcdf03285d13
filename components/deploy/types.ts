// What starting a job from the machine page answers (plain JSON, no server modules).

export type StartResult = { ok: true; id: number; position: number | null } | { ok: false; message: string };

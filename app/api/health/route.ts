import { db } from "@/lib/db/client";

export const dynamic = "force-dynamic";

/** Liveness and database check: {"status":"ok","db":"ok"} or 503 with the reason. */
export async function GET() {
  try {
    await db().$queryRaw`SELECT 1`;
    const migrated = await db().$queryRaw<{ n: number }[]>`SELECT count(*) AS n FROM "Machine"`;
    if (!Array.isArray(migrated)) throw new Error("unexpected answer");
    return Response.json({ status: "ok", db: "ok" });
  } catch (err) {
    const reason = err instanceof Error ? err.message.split("\n").slice(-1)[0].slice(0, 200) : "unknown error";
    return Response.json({ status: "error", db: "error", reason }, { status: 503 });
  }
}

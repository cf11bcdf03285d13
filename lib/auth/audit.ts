import "server-only";
// Records who did what, from where, with what outcome. Never throws into the caller's path.
import { appendAudit, type AuditInput } from "../db/audit";
import type { Principal } from "./permissions";

export async function audit(
  who: Principal | { name: string; id?: number },
  address: string,
  action: string,
  outcome: AuditInput["outcome"],
  target = "",
  detail = "",
): Promise<void> {
  try {
    await appendAudit({
      userId: who && "id" in who ? (who.id ?? null) : null,
      actor: who?.name ?? "anonymous",
      address,
      action,
      target,
      outcome,
      detail,
    });
  } catch (err) {
    console.error("[panel] audit write failed:", err instanceof Error ? err.message : err);
  }
}

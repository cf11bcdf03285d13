import "server-only";
// Audit retention (AUDIT_RETENTION_DAYS): pruned at start and then daily.
import { pruneAudit } from "../db/audit";

export function startAuditRetention(days: number, log: (message: string) => void, everyMs = 86_400_000): () => void {
  const prune = () =>
    pruneAudit(days).then(
      (n) => {
        if (n > 0) log(`audit: deleted ${n} event rows older than ${days} days`);
      },
      (err: unknown) => log(`audit: pruning failed: ${err instanceof Error ? err.message : String(err)}`),
    );
  void prune();
  const timer = setInterval(() => void prune(), everyMs);
  timer.unref();
  return () => clearInterval(timer);
}

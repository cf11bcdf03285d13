// The flake.lock checksums a promote reads from its scratch copy (lib/commands flakeLockSums: the
// committed lock's sha256, then the work tree's, one a line) and the check against the recorded
// one. Pure and total: any other output is "unreadable", never a throw.
const SHA256 = /^[0-9a-f]{64}$/;

export type LockSums = { committed: string; workTree: string };

export function parseLockSums(output: string): LockSums | null {
  const lines = output.split("\n").filter((l) => l.trim() !== "");
  if (lines.length !== 2) return null;
  const [committed, workTree] = lines.map((l) => l.trim());
  return SHA256.test(committed) && SHA256.test(workTree) ? { committed, workTree } : null;
}

export type LockCheck = { ok: true; found: string } | { ok: false; reason: string; found: string | null };

/** Whether the scratch copy's flake.lock is the recorded one (`expected` null: nothing recorded, accepted). */
export function checkLock(output: string, expected: string | null): LockCheck {
  const sums = parseLockSums(output);
  if (!sums) return { ok: false, reason: "the scratch copy's flake.lock checksum cannot be read", found: null };
  if (sums.committed !== sums.workTree)
    return { ok: false, reason: "the scratch copy's flake.lock differs from the committed one", found: sums.workTree };
  if (expected !== null && sums.committed !== expected)
    return {
      ok: false,
      reason: `flake.lock at this commit has sha256 ${sums.committed.slice(0, 12)}…, not the tested ${expected.slice(0, 12)}…`,
      found: sums.committed,
    };
  return { ok: true, found: sums.committed };
}

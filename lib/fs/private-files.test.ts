import { chmodSync, mkdirSync, mkdtempSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { securePanelFiles } from "./private-files";

const mode = (p: string) => statSync(p).mode & 0o777;

describe("securePanelFiles", () => {
  it("makes the database, its companions, the SSH key and the data folder private", () => {
    const dir = join(mkdtempSync(join(tmpdir(), "panel-files-")), "data");
    mkdirSync(join(dir, "ssh"), { recursive: true, mode: 0o755 });
    chmodSync(dir, 0o755);
    for (const f of ["panel.db", "panel.db-wal", "panel.db-shm", "ssh/id_ed25519"]) writeFileSync(join(dir, f), "x", { mode: 0o644 });
    const { fixed, problems } = securePanelFiles(join(dir, "panel.db"), join(dir, "ssh/id_ed25519"));
    expect(problems).toEqual([]);
    expect(fixed).toHaveLength(6);
    for (const f of ["panel.db", "panel.db-wal", "panel.db-shm", "ssh/id_ed25519"]) expect(mode(join(dir, f)), f).toBe(0o600);
    expect(mode(dir)).toBe(0o700);
    expect(mode(join(dir, "ssh"))).toBe(0o700);
    expect(securePanelFiles(join(dir, "panel.db")).fixed).toEqual([]); // idempotent
  });

  it("leaves a shared folder's mode alone and says so", () => {
    const dir = mkdtempSync(join(tmpdir(), "panel-shared-"));
    chmodSync(dir, 0o755);
    writeFileSync(join(dir, "panel.db"), "x", { mode: 0o644 });
    writeFileSync(join(dir, "someone-elses.txt"), "x", { mode: 0o644 });
    const { problems } = securePanelFiles(join(dir, "panel.db"));
    expect(mode(join(dir, "panel.db"))).toBe(0o600);
    expect(mode(dir)).toBe(0o755);
    expect(mode(join(dir, "someone-elses.txt"))).toBe(0o644);
    expect(problems.join()).toContain("shared with other files");
  });
});

// The panel's connection settings on a real SQLite file: WAL, and no disk sync on every commit.
import { describe, expect, it } from "vitest";
import { useTestDatabase } from "../test/db";
import { queryCompilerModule } from "./query-compiler";

describe("the Prisma connection", () => {
  const t = useTestDatabase();

  it("is in WAL mode with synchronous = NORMAL (1), not SQLite's default FULL (2)", async () => {
    const [mode] = await t.client().$queryRawUnsafe<{ journal_mode: string }[]>("PRAGMA journal_mode");
    const [sync] = await t.client().$queryRawUnsafe<{ synchronous: bigint | number }[]>("PRAGMA synchronous");
    expect(mode.journal_mode).toBe("wal");
    expect(Number(sync.synchronous)).toBe(1);
  });

  it("loads the query compiler from its file (query-compiler.ts), through Prisma's config hook", () => {
    const engineConfig = (t.client() as unknown as { _engineConfig: { compilerWasm?: { getQueryCompilerWasmModule: unknown } } })
      ._engineConfig;
    expect(engineConfig.compilerWasm?.getQueryCompilerWasmModule).toBe(queryCompilerModule);
  });
});

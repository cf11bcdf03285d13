// The query compiler read from its file is byte for byte the one Prisma's generated client imports,
// and a module that is not what we were built for fails with a clear error instead of a crash later.
import { describe, expect, it } from "vitest";
import { decodeWasmModuleSource, queryCompilerBytes, queryCompilerModule } from "./query-compiler";

describe("the Prisma query compiler read from its file", () => {
  it("has the bytes of the module Prisma imports", async () => {
    const generatedClientImports = "@prisma/client/runtime/query_compiler_bg.sqlite.wasm-base64.mjs"; // lib/db/generated/internal/class.ts
    const { wasm } = (await import(generatedClientImports)) as { wasm: string };
    const bytes = await queryCompilerBytes();
    expect(bytes.length).toBeGreaterThan(1_000_000);
    expect(bytes.equals(Buffer.from(wasm, "base64"))).toBe(true);
  });

  it("compiles to a module with the query compiler's exports", async () => {
    const names = WebAssembly.Module.exports(await queryCompilerModule()).map((e) => e.name);
    expect(names).toContain("memory");
    expect(names.some((n) => n.startsWith("querycompiler_"))).toBe(true);
  });

  it("refuses a module of another shape", () => {
    expect(() => decodeWasmModuleSource("export const wasm = 1;")).toThrow(/not one base64 string/);
    expect(() => decodeWasmModuleSource('const wasm = "not base64!";')).toThrow(/not one base64 string/);
    expect(() => decodeWasmModuleSource(`const wasm = "${Buffer.from("hello world").toString("base64")}";`)).toThrow(/not WebAssembly/);
  });
});

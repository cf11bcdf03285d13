import "server-only";
// Prisma's query compiler (WebAssembly, engineType "client") ships as an ES module whose only
// export is the 2.5 MB module encoded as one base64 string. Imported as Prisma's generated client
// does, that module stays loaded for the life of the process and keeps its source and the string
// (5 MB of heap) plus the decoded bytes. Read here as a file instead, all three are garbage once
// the module is compiled (bench:fleet: about 7 MiB less RSS). Same bytes, same module: checked in
// query-compiler.test.ts against the import.
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";

// The app root is the working directory (as for the Prisma CLI in migrate.ts; the NixOS package
// starts the server in it).
export const QUERY_COMPILER_FILE = resolve(process.cwd(), "node_modules/@prisma/client/runtime/query_compiler_bg.sqlite.wasm-base64.mjs");

/** `const wasm = "<base64>";` then `export { wasm }`: anything else is a Prisma we were not built for. */
export function decodeWasmModuleSource(source: string): Buffer {
  const start = source.indexOf('"');
  const end = source.indexOf('"', start + 1);
  const b64 = start >= 0 && end > start ? source.slice(start + 1, end) : "";
  if (!source.startsWith("const wasm = ") || !/^[A-Za-z0-9+/]+={0,2}$/.test(b64)) {
    throw new Error(`unexpected Prisma query compiler module (${QUERY_COMPILER_FILE}): not one base64 string`);
  }
  const bytes = Buffer.from(b64, "base64");
  if (bytes.readUInt32BE(0) !== 0x0061736d) throw new Error(`Prisma query compiler module (${QUERY_COMPILER_FILE}) is not WebAssembly`);
  return bytes;
}

export async function queryCompilerBytes(file = QUERY_COMPILER_FILE): Promise<Buffer> {
  return decodeWasmModuleSource(await readFile(/*turbopackIgnore: true*/ file, "latin1"));
}

/** What Prisma's `compilerWasm.getQueryCompilerWasmModule` returns. */
export async function queryCompilerModule(): Promise<WebAssembly.Module> {
  return new WebAssembly.Module((await queryCompilerBytes()) as Uint8Array<ArrayBuffer>);
}

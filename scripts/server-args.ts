// How the production server process is started (npm run serve, the e2e suite, the benchmarks,
// the demo): the server compiled by `npm run build:server`, plain node, a small young generation
// (fewer MiB of RSS for a panel that mostly idles; GC cost measured in bench:dashboard).
export const SERVER_NODE_ARGS = ["--max-semi-space-size=1", "--require", "./scripts/server-only-preload.cjs", "dist/server.mjs"];

/** glibc malloc arenas: 2 instead of 8 per core keeps ~15 MiB of fragmentation out of RSS. */
export const SERVER_ENV = { MALLOC_ARENA_MAX: "2" };

/** The environment of a production server on loopback that tests, benches and the demo start. */
export function localServerEnv(port: number, databaseFile: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    ...SERVER_ENV,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    HOST: "127.0.0.1",
    PORT: String(port),
    DATABASE_URL: `file:${databaseFile}`,
  };
}

// How the production server process is started (npm run serve, the e2e suite, the benchmarks,
// the demo): the server compiled by `npm run build:server`, plain node, a small young generation
// (fewer MiB of RSS for a panel that mostly idles; GC cost measured in bench:dashboard).
export const SERVER_NODE_ARGS = ["--max-semi-space-size=1", "--require", "./scripts/server-only-preload.cjs", "dist/server.mjs"];

/**
 * glibc malloc, measured with bench:fleet and bench:dashboard: one arena (instead of 8 per core), and
 * every block from 32 KiB mapped on its own and returned when freed, with the heap's top trimmed
 * from 32 KiB (glibc's defaults let both thresholds climb to 32 MiB as big blocks come and go). V8's
 * compiler zones, render buffers and the like then give their memory back: RSS after 1,000 x GET /
 * 149 -> 122 MiB (bench:dashboard), about 160 -> 140 MiB with 500 services (bench:fleet), the same
 * req/s and render CPU. `npm run serve` and nix/package.nix repeat these (server-args.test.ts).
 */
export const SERVER_ENV = { MALLOC_ARENA_MAX: "1", MALLOC_TRIM_THRESHOLD_: "32768", MALLOC_MMAP_THRESHOLD_: "32768" };

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

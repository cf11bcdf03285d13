// Test support (lab tests only): a panel process that starts one job and is then killed with
// SIGKILL by the test, so nothing of it cleans up (a crash). Run with
//   node --require ./scripts/server-only-preload.cjs --import tsx <this file> <database url> <key file> <machine> <kind>
// Prints {"id": <job id>} once the job is queued.
import { createDb } from "../db/client";
import { createSshPool } from "../ssh/pool";
import { isJobKind } from "../wire/job-kinds";
import { JobRunner } from "./runner";

async function main(): Promise<void> {
  const [databaseUrl, keyFile, machine, kind] = process.argv.slice(2);
  if (!databaseUrl || !keyFile || !machine || !kind || !isJobKind(kind))
    throw new Error("usage: <database url> <key file> <machine> <kind>");
  const db = createDb(databaseUrl);
  const pool = createSshPool({ keyFile, connectAttempts: 2 });
  const runner = new JobRunner({ db, databaseUrl, pool, settings: { flushMs: 50 } });
  await runner.start();
  const { id } = await runner.enqueue({ machine, kind, args: {}, requestedById: null });
  process.stdout.write(`${JSON.stringify({ id })}\n`);
  setInterval(() => {}, 60_000); // until killed
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});

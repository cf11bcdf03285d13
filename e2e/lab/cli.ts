/**
 * The lab's command line: `tsx e2e/lab/cli.ts up|status|down`.
 * up: progress lines, then one JSON object as the last line. status: "NAME ADDRESS STATE" per
 * host, then the same JSON. down: stops everything (idempotent).
 */
import { lab } from "./index";

async function main(cmd: string | undefined): Promise<number> {
  switch (cmd) {
    case "up": {
      const t0 = Date.now();
      const info = await lab.up({ onProgress: (l) => console.log(l) });
      console.log(`[lab] ready in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
      console.log(JSON.stringify(info));
      return 0;
    }
    case "status": {
      const info = await lab.status();
      for (const h of info.hosts) console.log(`${h.name} ${h.address} ${h.state}`);
      console.log(JSON.stringify(info));
      return 0;
    }
    case "down":
      await lab.down();
      console.log("[lab] down");
      return 0;
    default:
      console.error("usage: tsx e2e/lab/cli.ts up|status|down");
      return 2;
  }
}

main(process.argv[2]).then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : String(err));
    process.exit(1);
  },
);

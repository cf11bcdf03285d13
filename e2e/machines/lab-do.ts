// Runs one lab operation in a child process (tsx) for Playwright specs: Playwright loads specs as
// CommonJS, and e2e/lab (import.meta.url) cannot be loaded there. Prints one JSON line.
//   node --import tsx e2e/machines/lab-do.ts <op> '<json args>'
import { lab } from "../lab";

type Op = "up" | "run" | "setVariant" | "healUnit";

async function main(op: Op, args: unknown[]): Promise<unknown> {
  switch (op) {
    case "up":
      return lab.up();
    case "run":
      return lab.run(...(args as Parameters<typeof lab.run>));
    case "setVariant":
      return lab.setVariant(...(args as Parameters<typeof lab.setVariant>));
    case "healUnit":
      return lab.healUnit(...(args as Parameters<typeof lab.healUnit>));
    default:
      throw new Error(`unknown lab op ${String(op)}`);
  }
}

main(process.argv[2] as Op, JSON.parse(process.argv[3] ?? "[]") as unknown[]).then(
  (value) => console.log(JSON.stringify({ ok: true, value: value ?? null })),
  (err: unknown) => {
    console.log(JSON.stringify({ ok: false, error: err instanceof Error ? err.message : String(err) }));
    process.exitCode = 1;
  },
);

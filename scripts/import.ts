// npm run import -- homepage <file> [--env FILE] | homepage-flake <machine> | flake <machine> ... [--apply] (see scripts/import-args.ts)
// A .nix file is evaluated with nix-instantiate (lib/import/homepage-nix.ts); --env fills Homepage's templates.
// Prints the plan; changes the inventory (DATABASE_URL, via lib/env) only with --apply, audited as "cli".
import { readFileSync } from "node:fs";
import { IMPORT_USAGE, parseImportArgs } from "./import-args";

async function main(): Promise<number> {
  const args = parseImportArgs(process.argv.slice(2));
  if ("error" in args) {
    console.error(`import: ${args.error}\n${IMPORT_USAGE}`);
    return 2;
  }
  const { formatPlan } = await import("../lib/import/format-plan");
  const { planSummary } = await import("../lib/import/homepage-import");
  const { appendAudit } = await import("../lib/db/audit");
  const { db } = await import("../lib/db/client");
  const { flakeImportInput, homepageFlakeInput, homepageImportInput } = await import("../lib/validation/import");
  const mode = args.apply ? "apply" : "preview";
  try {
    let plan;
    let action: string;
    let target: string;
    if (args.source === "homepage" || args.source === "homepage-flake") {
      let text: string;
      if (args.source === "homepage" && /\.nix$/i.test(args.file)) {
        text = await (await import("../lib/import/homepage-nix")).evaluateHomepageNix(args.file);
      } else if (args.source === "homepage") text = readFileSync(args.file, "utf8");
      else {
        const req = homepageFlakeInput.parse({ machine: args.machine, attr: args.attr ?? "", flakeDir: args.flakeDir ?? "" });
        text = await (await import("../lib/import/homepage-flake")).readHomepageFromFlake(req);
      }
      const input = homepageImportInput.parse({ mode, kind: args.kind, text });
      const templates = args.env ? (await import("../lib/import/homepage-env-disk")).templatesFromDisk(args.env) : undefined;
      const hp = await import("../lib/import/homepage-import");
      plan = args.apply
        ? await hp.applyHomepage(input.text, input.kind, templates)
        : await hp.previewHomepage(input.text, input.kind, templates);
      action = "inventory.import.homepage";
      target = input.kind;
    } else {
      const input = flakeImportInput.parse({ mode, machine: args.machine, flakeDir: args.flakeDir ?? "" });
      const fl = await import("../lib/import/flake-import");
      const req = { machine: input.machine, flakeDir: input.flakeDir };
      plan = args.apply ? await fl.applyFlake(req) : await fl.previewFlake(req);
      action = "inventory.import.flake";
      target = `${input.machine}:${input.flakeDir ?? "(inventory flake)"}`;
    }
    console.log(formatPlan(plan, args.apply));
    if (args.apply) await appendAudit({ actor: "cli", address: "local", action, target, outcome: "ok", detail: planSummary(plan) });
    return 0;
  } catch (err) {
    const issues = (err as { issues?: { message: string }[] }).issues;
    console.error(`import: ${issues ? issues.map((i) => i.message).join(" ") : err instanceof Error ? err.message : String(err)}`);
    return 1;
  } finally {
    await db().$disconnect();
    const { sshPool } = await import("../lib/ssh/pool");
    sshPool().closeAll();
  }
}

main().then((code) => process.exit(code));

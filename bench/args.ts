// The command line of bench:dashboard: `--compare <url>` measures that page (e.g. a Homepage at
// http://127.0.0.1:3010/) in the same run, beside the panel; `--compare-statuses <css>` says which of
// its elements is one status shown once settled (Homepage's site monitor and ping badges by default).
import { z } from "zod";

/** Homepage's siteMonitor and ping badges: the inner element loses `opacity-20` once a result is in. */
export const HOMEPAGE_STATUSES = ".site-monitor-status > :not(.opacity-20), .ping-status > :not(.opacity-20)";

export type BenchArgs = { compare: URL | null; compareStatuses: string };

const httpUrl = z.string().transform((text, ctx) => {
  const url = URL.canParse(text) ? new URL(text) : null;
  if (!url || (url.protocol !== "http:" && url.protocol !== "https:")) {
    ctx.addIssue({ code: "custom", message: `--compare needs an http(s) URL (got ${JSON.stringify(text)})` });
    return z.NEVER;
  }
  return url;
});

const selector = z.string().trim().min(1, "--compare-statuses needs a CSS selector").max(500);

/** Parses argv after the script name; throws an Error whose message names the bad argument. */
export function parseBenchArgs(argv: readonly string[]): BenchArgs {
  const args: BenchArgs = { compare: null, compareStatuses: HOMEPAGE_STATUSES };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].startsWith("--") && argv[i].includes("=") ? argv[i].split(/=(.*)/s, 2) : [argv[i], undefined];
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new Error(`${flag} needs a value`);
      return v;
    };
    const fail = (e: z.ZodError) => new Error(e.issues.map((x) => x.message).join("; "));
    if (flag === "--compare") {
      const r = httpUrl.safeParse(value());
      if (!r.success) throw fail(r.error);
      args.compare = r.data;
    } else if (flag === "--compare-statuses") {
      const r = selector.safeParse(value());
      if (!r.success) throw fail(r.error);
      args.compareStatuses = r.data;
    } else {
      throw new Error(`unknown argument ${JSON.stringify(argv[i])} (known: --compare <url>, --compare-statuses <css selector>)`);
    }
  }
  return args;
}

// Every server action of the build with the page it is posted to (read from Next's server-reference
// manifest, which `npm run build` writes), so hostile tests call each one as a browser would.
import { readFileSync } from "node:fs";
import { ROUTES } from "./routes";

export type ActionTarget = { id: string; file: string; name: string; path: string };

export function actionTargets(): ActionTarget[] {
  const manifest = JSON.parse(readFileSync(".next/server/server-reference-manifest.json", "utf8")).node as Record<
    string,
    { filename: string; exportedName: string; workers: Record<string, unknown> }
  >;
  return Object.entries(manifest).map(([id, m]) => {
    const worker =
      Object.keys(m.workers)[0]
        .replace(/^app/, "")
        .replace(/\/page$/, "") || "/";
    const path = ROUTES.find((r) => r.file === `app${worker === "/" ? "" : worker}/page.tsx`)?.path ?? "/";
    return { id, file: m.filename, name: m.exportedName, path };
  });
}

/** Headers of a server action call as Next's client sends it. */
export function actionHeaders(base: string, id: string, contentType = "text/plain;charset=UTF-8"): Record<string, string> {
  return { origin: base, "next-action": id, "content-type": contentType, accept: "text/x-component" };
}

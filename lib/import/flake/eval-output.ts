// What the flake's `nix eval --json` prints, checked with zod before anything is planned from it.
import { z } from "zod";

export const FLAKE_SERVICES = [
  "caddy",
  "grafana",
  "victoriametrics",
  "loki",
  "alloy",
  "tailscale",
  "openssh",
  "homepage-dashboard",
] as const;
export type FlakeService = (typeof FLAKE_SERVICES)[number];

const machine = z.object({
  system: z.string().max(100).nullable(),
  hostName: z.string().max(253).nullable().optional(),
  services: z.record(z.string(), z.boolean()),
});
export const machinesOutput = z.record(z.string().max(200), machine);
export type FlakeMachines = z.infer<typeof machinesOutput>;

export const deployNodesOutput = z.record(
  z.string().max(200),
  z.object({ hostname: z.string().max(253).nullable(), sshUser: z.string().max(64).nullable() }),
);
export type DeployNodes = z.infer<typeof deployNodesOutput>;

export class FlakeOutputError extends Error {}

export function parseJson<T>(schema: z.ZodType<T>, text: string, what: string): T {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new FlakeOutputError(`${what}: nix eval did not print JSON (${text.slice(0, 120)}).`);
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new FlakeOutputError(`${what}: unexpected shape (${parsed.error.issues[0]?.message ?? "invalid"}).`);
  return parsed.data;
}

/** services.homepage-dashboard as the import reads it: two lists, checked further by the Homepage parser. */
export const homepageOutput = z.object({ services: z.array(z.unknown()), bookmarks: z.array(z.unknown()) });

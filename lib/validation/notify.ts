// Notification channels and rules as the settings form sends them (shared by the form and the actions).
import { z } from "zod";

/** Which facts a channel hears about (its rules). */
export const NOTIFY_RULES = ["service", "machine", "deploy", "drift", "flake-updates"] as const;
export type NotifyRule = (typeof NOTIFY_RULES)[number];
export const RULE_LABELS: Record<NotifyRule, string> = {
  service: "Service down / back up",
  machine: "Machine unreachable / back",
  deploy: "Deploy or rollback finished",
  drift: "Drift found",
  "flake-updates": "Flake updates available",
};

export const CHANNEL_KINDS = ["ntfy", "webhook", "email"] as const;
export type ChannelKind = (typeof CHANNEL_KINDS)[number];
export const SMTP_SECURITY = ["starttls", "tls", "none"] as const;

const httpUrl = z
  .string()
  .trim()
  .max(2000)
  .pipe(z.url({ protocol: /^https?$/, hostname: z.regexes.hostname, error: "Enter an http:// or https:// URL." }));
const email = z
  .string()
  .trim()
  .max(320)
  .pipe(z.email({ error: "Enter an e-mail address." }));
const host = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9.-]{0,252}$|^\[?[0-9a-fA-F:.]+\]?$/, "Enter a host name or address.");

export const ntfyConfig = z.object({ url: httpUrl });
export const webhookConfig = z.object({ url: httpUrl });
export const emailConfig = z.object({
  host,
  port: z.coerce.number({ error: "Enter a port." }).int().min(1, "Enter a port.").max(65535, "Enter a port."),
  security: z.enum(SMTP_SECURITY),
  user: z.string().trim().max(200).default(""),
  from: email,
  to: z
    .string()
    .trim()
    .max(2000)
    .transform((s) => s.split(/[,\s]+/).filter(Boolean))
    .pipe(z.array(z.email({ error: "Enter e-mail addresses separated by commas." })).min(1, "Enter at least one address.")),
});
export type NtfyConfig = z.infer<typeof ntfyConfig>;
export type WebhookConfig = z.infer<typeof webhookConfig>;
export type EmailConfig = z.infer<typeof emailConfig>;
export type ChannelConfig = NtfyConfig | WebhookConfig | EmailConfig;

export const configSchemas = { ntfy: ntfyConfig, webhook: webhookConfig, email: emailConfig } as const;

/** The common part of the form; the kind's own fields are parsed with `configSchemas[kind]`. */
export const channelBase = z.object({
  id: z.coerce.number().int().positive().optional(),
  name: z
    .string()
    .trim()
    .min(1, "Enter a name.")
    .max(60, "At most 60 characters.")
    .regex(/^[^\s-][^\n\r]*$/, "Letters, digits and spaces; not starting with - or a space."),
  kind: z.enum(CHANNEL_KINDS, { error: "Choose ntfy, webhook or e-mail." }),
  /** Write-only: empty keeps what is stored. */
  secret: z.string().max(4000).default(""),
  secretFile: z
    .string()
    .trim()
    .max(1000)
    .refine((p) => p === "" || /^\/[^\0\n]*$/.test(p), "An absolute path, e.g. /run/agenix/ntfy-token.")
    .default(""),
  /** "1": forget the stored secret. */
  clearSecret: z.string().optional(),
  rules: z.array(z.enum(NOTIFY_RULES)).default([]),
});
export type ChannelBase = z.infer<typeof channelBase>;

export type ChannelInput = ChannelBase & { config: ChannelConfig };
type Parsed = { ok: true; data: ChannelInput } | { ok: false; fields: Record<string, string> };

/** The whole form: common fields, the kind's own fields, the rules (checkboxes named `rule`). */
export function parseChannelForm(values: Record<string, string>, rules: string[]): Parsed {
  const fields: Record<string, string> = {};
  const base = channelBase.safeParse({ ...values, rules });
  if (!base.success) for (const i of base.error.issues) fields[String(i.path[0] ?? "_form")] ??= i.message;
  const kindParsed = z.enum(CHANNEL_KINDS).safeParse(values.kind);
  const kind = kindParsed.success ? kindParsed.data : null;
  const config = kind ? configSchemas[kind].safeParse(values) : null;
  if (config && !config.success) for (const i of config.error.issues) fields[String(i.path[0] ?? "_form")] ??= i.message;
  if (base.success && base.data.secret && base.data.secretFile) fields.secretFile = "Either a secret or a secret file, not both.";
  if (!base.success || !config?.success || Object.keys(fields).length) return { ok: false, fields };
  return { ok: true, data: { ...base.data, config: config.data } };
}

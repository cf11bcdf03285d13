import { z } from "zod";
import { httpUrl, optional, requiredText, text } from "./fields";
import { UNIT, SLUG, isHost } from "../commands/patterns";
import { portNumber, portsField } from "./ports";
import { machineName } from "./machine";
import { ICONS } from "./icons";

export const CHECK_TYPES = ["none", "http", "tcp"] as const;

const tcpTarget = (v: string) => {
  const m = /^(.+):(\d{1,5})$/.exec(v);
  return !!m && isHost(m[1].replace(/^\[|\]$/g, "")) && portNumber.safeParse(m[2]).success;
};

export const serviceInput = z
  .object({
    slug: z.string().trim().regex(SLUG, "Use 1-63 lower-case letters, digits, '.', '_' or '-', starting with a letter or digit."),
    name: requiredText(80, "Name"),
    groupName: requiredText(60, "Group"),
    icon: z.union([z.enum(ICONS), z.literal("")], { message: "Choose an icon from the list." }).default(""),
    description: text(500, "Description").default(""),
    url: optional(httpUrl("Link")).default(null),
    docsUrl: optional(httpUrl("Docs link")).default(null),
    unit: optional(z.string().trim().regex(UNIT, "Use a systemd unit name such as grafana.service.")).default(null),
    ports: portsField.default(""),
    checkType: z.enum(CHECK_TYPES, { message: "Choose none, HTTP or TCP." }).default("none"),
    checkTarget: z.string().trim().max(2000, "Too long.").default(""),
    machine: optional(machineName).default(null),
  })
  .superRefine((v, ctx) => {
    if (v.checkType === "http" && !httpUrl("Check URL").safeParse(v.checkTarget).success) {
      ctx.addIssue({ code: "custom", path: ["checkTarget"], message: "An HTTP check needs an http:// or https:// URL." });
    }
    if (v.checkType === "tcp" && !tcpTarget(v.checkTarget)) {
      ctx.addIssue({ code: "custom", path: ["checkTarget"], message: "A TCP check needs host:port, e.g. frame1:22 (port 1-65535)." });
    }
  })
  .transform((v) => ({ ...v, checkTarget: v.checkType === "none" ? "" : v.checkTarget }));

export type ServiceInput = z.infer<typeof serviceInput>;

export const serviceDeleteInput = z.object({
  slug: z.string().trim().regex(SLUG, "Unknown service."),
});

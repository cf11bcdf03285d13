// One Homepage entry -> the inventory fields it sets, with a note for everything it cannot carry
// over (widgets, Docker status, unknown fields). Only fields present in the entry are set, so a
// re-import never blanks what was edited in the panel and Homepage does not know.
import { httpUrl } from "@/lib/validation/fields";
import type { ImportNote } from "../types";
import { checkFrom } from "./checks";
import { mapIcon } from "./icons";
import { slugify } from "./slug";
import { hasTemplate } from "./templates";
import type { HomepageItem } from "./walk";

export type ServiceValues = {
  name: string;
  groupName: string;
  icon?: string;
  description?: string;
  url?: string;
  checkType?: "http" | "tcp";
  checkTarget?: string;
};

export type ServiceCandidate = {
  slug: string | null;
  path: string;
  line: number | null;
  values: ServiceValues;
  notes: ImportNote[];
};

const USED = new Set(["href", "description", "icon", "siteMonitor", "ping", "widget", "widgets", "server", "container", "abbr"]);
const DESCRIPTION_MAX = 500;

function widgetNotes(fields: Record<string, unknown>, notes: ImportNote[]) {
  const list = [fields.widget, ...(Array.isArray(fields.widgets) ? fields.widgets : fields.widgets ? [fields.widgets] : [])];
  for (const w of list) {
    if (w === undefined || w === null) continue;
    const type = typeof w === "object" && w !== null && "type" in w ? String((w as { type: unknown }).type) : "unknown";
    notes.push({ level: "skipped", text: `widget "${type}": the panel does not show Homepage widgets.` });
  }
}

function urlField(href: unknown, notes: ImportNote[]): string | undefined {
  if (href === undefined || href === null) return undefined;
  const value = String(href).trim();
  if (!hasTemplate(value)) return value;
  if (httpUrl("Link").safeParse(value).success) {
    notes.push({ level: "note", text: `href ${value} keeps its Homepage template as written; the panel does not substitute it.` });
    return value;
  }
  notes.push({ level: "skipped", text: `href ${value} is a Homepage template, not a URL the panel can open; the link was left as it is in the inventory.` });
  return undefined;
}

export function toCandidate(item: HomepageItem): ServiceCandidate {
  const path = [...item.groups, item.name].join(" / ");
  const notes: ImportNote[] = [];
  const f = item.fields;
  const values: ServiceValues = { name: item.name.replace(/\s+/g, " ").trim(), groupName: item.groups.join(" / ") };

  const url = urlField(f.href, notes);
  if (url !== undefined) values.url = url;

  if (f.description !== undefined && f.description !== null) {
    let d = String(f.description).replace(/\s+/g, " ").trim();
    if (hasTemplate(d)) notes.push({ level: "note", text: "description keeps its Homepage template as written." });
    if (d.length > DESCRIPTION_MAX) {
      d = `${d.slice(0, DESCRIPTION_MAX - 1)}…`;
      notes.push({ level: "note", text: `description shortened to ${DESCRIPTION_MAX} characters.` });
    }
    values.description = d;
  }

  if (f.icon !== undefined && f.icon !== null) {
    const { icon } = mapIcon(f.icon);
    if (icon) values.icon = icon;
    else notes.push({ level: "note", text: `icon "${String(f.icon)}" has no built-in match; the default icon is used.` });
  }

  if (item.kind === "service") Object.assign(values, checkFrom(f, notes));
  widgetNotes(f, notes);
  if (f.server !== undefined || f.container !== undefined) {
    notes.push({ level: "skipped", text: `Docker status (server ${String(f.server ?? "-")}, container ${String(f.container ?? "-")}): the panel follows systemd units instead.` });
  }
  if (f.abbr !== undefined) notes.push({ level: "skipped", text: `abbr "${String(f.abbr)}": tiles show an icon, not an abbreviation.` });
  for (const key of Object.keys(f)) {
    if (!USED.has(key)) notes.push({ level: "skipped", text: `field "${key}" is not used by the panel.` });
  }
  return { slug: slugify(values.name), path, line: item.line, values, notes };
}

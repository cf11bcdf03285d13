// One Homepage entry -> the inventory fields it sets, with a note for everything it cannot carry
// over (widgets, Docker status, unknown fields, links the panel cannot open). Only fields present
// in the entry are set, so a re-import never blanks what was edited in the panel and Homepage does
// not know.
import type { ImportNote } from "../model/plan";
import { checkFrom } from "./checks";
import { isHttpUrl, oneLine, scalarText, shown } from "./field-text";
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

const USED = new Set(["name", "href", "description", "icon", "siteMonitor", "ping", "widget", "widgets", "server", "container", "abbr"]);
const DESCRIPTION_MAX = 500;

function widgetNotes(fields: Record<string, unknown>, notes: ImportNote[]) {
  const list = [fields.widget, ...(Array.isArray(fields.widgets) ? fields.widgets : fields.widgets ? [fields.widgets] : [])];
  for (const w of list) {
    if (w === undefined || w === null) continue;
    const type = typeof w === "object" && "type" in w ? (scalarText((w as { type: unknown }).type) ?? "unknown") : "unknown";
    notes.push({ level: "skipped", text: `widget "${type}": the panel does not show Homepage widgets.` });
  }
}

function urlField(href: unknown, notes: ImportNote[]): string | undefined {
  if (href === undefined || href === null) return undefined;
  const text = scalarText(href);
  if (text === undefined) {
    notes.push({ level: "skipped", text: `href is ${shown(href)}, not a link; the service is imported without it.` });
    return undefined;
  }
  const value = text.trim();
  if (hasTemplate(value)) {
    if (isHttpUrl(value)) {
      notes.push({
        level: "note",
        text: `href ${value} keeps its Homepage template as written (no value for it); the panel does not substitute it.`,
      });
      return value;
    }
    notes.push({
      level: "skipped",
      text: `href ${value} is a Homepage template with no value, not a URL the panel can open; the link was left as it is in the inventory.`,
    });
    return undefined;
  }
  if (!isHttpUrl(value)) {
    notes.push({
      level: "skipped",
      text: `href ${shown(value)} is not an http(s) link the panel can open; the service is imported without it.`,
    });
    return undefined;
  }
  return value;
}

/** Homepage's `name:` field replaces the title (parseServicesToGroups spreads the fields over `{ name: key }`). */
function titleOf(item: HomepageItem, notes: ImportNote[]): string {
  const key = oneLine(item.name);
  const field = item.fields.name;
  if (field === undefined || field === null) return key;
  const text = scalarText(field);
  const title = text === undefined ? "" : oneLine(text);
  if (!title) {
    notes.push({ level: "skipped", text: `name is ${shown(field)}, not a title; "${key}" is used.` });
    return key;
  }
  if (title !== key) notes.push({ level: "note", text: `Shown as "${title}": Homepage's name field replaces the title "${key}".` });
  return title;
}

function textNote(key: string, value: unknown, notes: ImportNote[]) {
  notes.push({ level: "skipped", text: `${key} is ${shown(value)}, not text; it was not imported.` });
}

export function toCandidate(item: HomepageItem): ServiceCandidate {
  const path = [...item.groups, item.name].join(" / ");
  const notes: ImportNote[] = [...item.notes];
  const f = item.fields;
  const values: ServiceValues = { name: titleOf(item, notes), groupName: item.groups.join(" / ") };

  const url = urlField(f.href, notes);
  if (url !== undefined) values.url = url;

  if (f.description !== undefined && f.description !== null) {
    const text = scalarText(f.description);
    if (text === undefined) textNote("description", f.description, notes);
    else {
      let d = oneLine(text);
      if (hasTemplate(d)) notes.push({ level: "note", text: "description keeps its Homepage template as written (no value for it)." });
      if (d.length > DESCRIPTION_MAX) {
        d = `${d.slice(0, DESCRIPTION_MAX - 1)}…`;
        notes.push({ level: "note", text: `description shortened to ${DESCRIPTION_MAX} characters.` });
      }
      values.description = d;
    }
  }

  if (f.icon !== undefined && f.icon !== null && scalarText(f.icon)?.trim() !== "") {
    const { icon } = mapIcon(scalarText(f.icon));
    if (icon) values.icon = icon;
    else notes.push({ level: "note", text: `icon "${shown(f.icon)}" has no built-in match; the default icon is used.` });
  }

  if (item.kind === "service") Object.assign(values, checkFrom(f, notes));
  widgetNotes(f, notes);
  if (f.server !== undefined || f.container !== undefined) {
    notes.push({
      level: "skipped",
      text: `Docker status (server ${shown(f.server ?? "-")}, container ${shown(f.container ?? "-")}): the panel follows systemd units instead.`,
    });
  }
  if (f.abbr !== undefined) notes.push({ level: "skipped", text: `abbr "${shown(f.abbr)}": tiles show an icon, not an abbreviation.` });
  for (const key of Object.keys(f)) {
    if (!USED.has(key)) notes.push({ level: "skipped", text: `field "${key}" is not used by the panel.` });
  }
  return { slug: slugify(values.name), path, line: item.line, values, notes };
}

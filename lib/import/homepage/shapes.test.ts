// Valid YAML in odd shapes, read the way Homepage's parseServicesToGroups() / bookmarksResponse()
// read it (only the first key of each "- " item), plus `name:` overrides, one name in several
// groups, and links the panel cannot open.
import { describe, expect, it } from "vitest";
import { homepageCandidates } from ".";
import { planHomepage } from "../plan-homepage";

const empty = { machines: [], services: [] };
const plan = (text: string, kind: "services" | "bookmarks" = "services") => planHomepage(text, kind, empty).plan;
const rows = (text: string, kind: "services" | "bookmarks" = "services") =>
  plan(text, kind).entries.map((e) => ({
    path: e.path,
    action: e.action,
    key: e.key,
    line: e.line,
    reason: e.reason,
    notes: e.notes.map((n) => n.text),
  }));

describe("fields written at the same indent as the service name", () => {
  it("give one message for that entry (Homepage skips it too), never services called 'Group / icon'", () => {
    const text =
      "- Media:\n    - My Service:\n      icon: jellyfin.png\n      href: http://media.lan\n    - Other:\n        href: http://other.lan\n";
    expect(rows(text)).toEqual([
      {
        path: "Media / My Service",
        action: "skipped",
        key: "",
        line: 2,
        notes: [],
        reason:
          'The fields "icon", "href" are written at the same indent as "My Service", not under it, so "My Service" has no fields. Indent them under "My Service". Homepage skips this service too (its log says "Error parsing service "My Service" from config. Ensure required fields are present.").',
      },
      { path: "Media / Other", action: "add", key: "other", line: 5, reason: undefined, notes: [] },
    ]);
  });

  it("a service written without its own '- ' next to another is not shown by Homepage: one message for it", () => {
    const text = "- Media:\n    - Jellyfin:\n        href: http://jf.lan\n      Plex:\n        href: http://plex.lan\n";
    expect(rows(text)).toEqual([
      { path: "Media / Jellyfin", action: "add", key: "jellyfin", line: 2, reason: undefined, notes: [] },
      {
        path: "Media / Plex",
        action: "skipped",
        key: "",
        line: 4,
        notes: [],
        reason:
          '"Plex" has no "- " of its own, so it is part of the item "Jellyfin": Homepage reads only the first name of each "- " item and does not show "Plex". Write "- Plex:".',
      },
    ]);
  });

  it("a list of fields with no name above them (name:/url:/icon: as some NixOS configs write it) is one message", () => {
    const text = '[{"Services": [{"icon": "jellyfin.svg", "name": "Jellyfin", "url": "http://jf.lan:8096"}]}]';
    expect(rows(text)).toEqual([
      {
        path: "Services / Jellyfin",
        action: "skipped",
        key: "",
        line: 1,
        notes: [],
        reason:
          'This entry is a list of fields ("icon", "name", "url") with no name above them; Homepage would show an entry called "icon" without them. Write it as "- Jellyfin:" with the fields indented under it.',
      },
    ]);
  });

  it("a second group in one top-level item is not shown by Homepage: one message", () => {
    const text = "- A:\n    - S:\n        href: http://s.lan\n  B:\n    - T:\n        href: http://t.lan\n";
    expect(rows(text).map((r) => [r.path, r.action, r.line])).toEqual([
      ["A / S", "add", 2],
      ["B", "skipped", 4],
    ]);
    expect(rows(text)[1].reason).toBe(
      'Group "B" has no "- " of its own: Homepage reads only the first group of each top-level "- " item and does not show it. Write "- B:".',
    );
  });

  it("bookmarks: only the first item of a bookmark's list is read, as Homepage does", () => {
    const text = "- Dev:\n    - GitHub:\n        - abbr: GH\n          href: https://github.com\n        - href: https://gitlab.com\n";
    expect(rows(text, "bookmarks")).toEqual([
      {
        path: "Dev / GitHub",
        action: "add",
        key: "github",
        line: 2,
        reason: undefined,
        notes: [
          'Only the first item of the list under "GitHub" is read, as Homepage does; 1 more ignored.',
          'abbr "GH": tiles show an icon, not an abbreviation.',
        ],
      },
    ]);
  });
});

describe("Homepage's name: field", () => {
  it("replaces the title, and the plan says so", () => {
    const [c] = homepageCandidates(
      "- Media:\n    - jellyfin-kids:\n        name: Jellyfin (kids)\n        href: http://jf.lan\n",
      "services",
    ).candidates;
    expect(c).toMatchObject({ slug: "jellyfin-kids", path: "Media / jellyfin-kids", values: { name: "Jellyfin (kids)" } });
    expect(c.notes).toEqual([
      { level: "note", text: 'Shown as "Jellyfin (kids)": Homepage\'s name field replaces the title "jellyfin-kids".' },
    ]);
  });

  it("a name that is not text is ignored with a note (never [object Object])", () => {
    const [c] = homepageCandidates("- G:\n    - Svc:\n        name: {a: 1}\n        description: [x]\n", "services").candidates;
    expect(c.values).toEqual({ name: "Svc", groupName: "G" });
    expect(c.notes.map((n) => n.text)).toEqual([
      'name is a map, not a title; "Svc" is used.',
      "description is a list, not text; it was not imported.",
    ]);
  });
});

describe("one name in several groups", () => {
  it("imports each, with ids naming their groups; the same name twice in one group gets -2", () => {
    const text = [
      "- Media:",
      "    - Jellyfin:",
      "        href: http://a.lan",
      "- Kids / Media:",
      "    - Jellyfin:",
      "        href: http://b.lan",
      "    - Jellyfin:",
      "        href: http://c.lan",
      "- Other:",
      "    - Movies:",
      "        name: Jellyfin",
      "        href: http://d.lan",
      "- Tools:",
      "    - Grafana:",
      "        href: http://g.lan",
    ].join("\n");
    const p = plan(text);
    expect(p.entries.map((e) => [e.path, e.action, e.key])).toEqual([
      ["Media / Jellyfin", "add", "jellyfin-media"],
      ["Kids / Media / Jellyfin", "add", "jellyfin-kids-media"],
      ["Kids / Media / Jellyfin", "add", "jellyfin-kids-media-2"],
      ["Other / Movies", "add", "jellyfin-other"],
      ["Tools / Grafana", "add", "grafana"],
    ]);
    expect(p.entries[0].notes).toEqual([
      { level: "note", text: 'id "jellyfin-media": 4 entries are called "Jellyfin", so each id names its group.' },
    ]);
  });
});

describe("links the panel cannot open", () => {
  it("drop the link with a note; the service is still imported", () => {
    const text = [
      "- Files:",
      "    - NAS:",
      "        href: smb://nas.lan/share",
      "        description: Shares",
      "    - SFTP:",
      "        href: sftp://files.lan:22",
      "        ping: files.lan:22",
      "    - Router:",
      "        href: https://router.<yourdomain>.<tld>",
      "        siteMonitor: https://router.<yourdomain>.<tld>",
      "        ping: router.<yourdomain>.<tld>",
      "    - Game:",
      "        href: udp://192.168.1.84:25565",
    ].join("\n");
    expect(rows(text)).toEqual([
      {
        path: "Files / NAS",
        action: "add",
        key: "nas",
        line: 2,
        reason: undefined,
        notes: ["href smb://nas.lan/share is not an http(s) link the panel can open; the service is imported without it."],
      },
      {
        path: "Files / SFTP",
        action: "add",
        key: "sftp",
        line: 5,
        reason: undefined,
        notes: ["href sftp://files.lan:22 is not an http(s) link the panel can open; the service is imported without it."],
      },
      {
        path: "Files / Router",
        action: "add",
        key: "router",
        line: 8,
        reason: undefined,
        notes: [
          "href https://router.<yourdomain>.<tld> is not an http(s) link the panel can open; the service is imported without it.",
          "ping router.<yourdomain>.<tld>: the HTTP check from siteMonitor is used instead.",
          "siteMonitor https://router.<yourdomain>.<tld> is not an http(s) URL; no health check was created.",
        ],
      },
      {
        path: "Files / Game",
        action: "add",
        key: "game",
        line: 12,
        reason: undefined,
        notes: ["href udp://192.168.1.84:25565 is not an http(s) link the panel can open; the service is imported without it."],
      },
    ]);
    const stored = homepageCandidates(text, "services").candidates;
    expect(stored.map((c) => c.values.url)).toEqual([undefined, undefined, undefined, undefined]);
    expect(stored[1].values).toMatchObject({ checkType: "tcp", checkTarget: "files.lan:22" });
  });

  it("a ping the panel cannot check is a note too, not a refused service", () => {
    const [c] = homepageCandidates("- G:\n    - S:\n        href: http://s.lan\n        ping: not a host\n", "services").candidates;
    expect(c.values).toEqual({ name: "S", groupName: "G", url: "http://s.lan" });
    expect(c.notes.map((n) => n.text)).toEqual(["ping not a host is not a host the panel can check; no health check was created."]);
  });
});

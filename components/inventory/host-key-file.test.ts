// The host key section when SSH_KNOWN_HOSTS_FILE has something to say: the keys it pins for a
// machine the inventory does not pin, and a loud alert when file and inventory disagree.
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { HostKeySection, type FilePinView } from "./host-key-section";

const A = "SHA256:XkMEwxx0B0yPhtrXhtn5z3wpGQmFKGRn8y48MX7tsHk";
const B = "SHA256:AbCdwxx0B0yPhtrXhtn5z3wpGQmFKGRn8y48MX7tsHk";
const action = async () => ({});
const html = (pinned: string | null, presented: string | null, file: FilePinView | null) =>
  renderToStaticMarkup(createElement(HostKeySection, { machine: "frame2", pinned, presented, file, canTrust: true, action }));
const fromFile: FilePinView = { kind: "pinned", fingerprints: [A], source: "the known_hosts file /etc/kh line 2" };

describe("HostKeySection with a known_hosts file", () => {
  it("shows the file's keys and where they come from; nothing to trust", () => {
    const out = html(null, null, fromFile);
    expect(out).toContain("not in the inventory");
    expect(out).toContain(A);
    expect(out).toContain("Pinned by the known_hosts file /etc/kh line 2.");
    expect(out).not.toContain("not pinned yet");
    expect(out).not.toContain("Trust this key");
  });

  it("a stale presented key the file lists is not offered for trust", () => {
    const out = html(null, A, fromFile);
    expect(out).not.toContain('data-testid="host-key-presented"');
    expect(out).not.toContain("Trust this key");
  });

  it("a presented key the file does not list is shown as refused", () => {
    const out = html(null, B, fromFile);
    expect(out).toContain("frame2 presented a key the known_hosts file does not list");
    expect(out).toContain(B);
  });

  it("a conflict between file and inventory is an alert with the panel's message", () => {
    const out = html(A, null, { kind: "conflict", message: "HOST KEY CONFLICT for frame2 (10.231.2.2:22): the inventory pins X but Y" });
    expect(out).toContain('role="alert"');
    expect(out).toContain("The known_hosts file disagrees with the pinned key");
    expect(out).toContain("HOST KEY CONFLICT for frame2");
  });
});

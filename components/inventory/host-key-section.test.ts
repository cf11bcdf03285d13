// The host key section as the server renders it: pin, presented key, the loud mismatch warning
// naming both fingerprints, and the trust button only for admins and only when there is a key to trust.
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { HostKeySection } from "./host-key-section";

const A = "SHA256:XkMEwxx0B0yPhtrXhtn5z3wpGQmFKGRn8y48MX7tsHk";
const B = "SHA256:AbCdwxx0B0yPhtrXhtn5z3wpGQmFKGRn8y48MX7tsHk";
const action = async () => ({});
const html = (pinned: string | null, presented: string | null, canTrust = true) =>
  renderToStaticMarkup(createElement(HostKeySection, { machine: "frame1", pinned, presented, canTrust, action }));

describe("HostKeySection", () => {
  it("shows the pin and no button when the host presented nothing else", () => {
    const out = html(A, null);
    expect(out).toContain(A);
    expect(out).not.toContain("MISMATCH");
    expect(out).not.toContain("trust-host-key");
  });

  it("says 'not pinned yet' and offers to trust the presented key", () => {
    const out = html(null, B);
    expect(out).toContain("not pinned yet");
    expect(out).toContain(B);
    expect(out).toContain("Trust this key");
    expect(out).toContain(`value="${B}"`);
    expect(out).toContain("trust-host-key");
  });

  it("warns loudly on a changed key, naming both fingerprints", () => {
    const out = html(A, B);
    expect(out).toContain("HOST KEY MISMATCH");
    expect(out).toContain('role="alert"');
    expect(out.split(A).length).toBeGreaterThan(2); // in the list and in the warning
    expect(out.split(B).length).toBeGreaterThan(2);
    expect(out).toContain("Replace the pinned key with this one");
  });

  it("offers no button to non-admins", () => {
    const out = html(A, B, false);
    expect(out).toContain("HOST KEY MISMATCH");
    expect(out).not.toContain("trust-host-key");
    expect(out).toContain("Only an admin can trust this key.");
  });
});

import { describe, expect, it } from "vitest";
import { setupHint } from "./setup-hint";

const base = { loopback: "http://127.0.0.1:3000", listed: [], trustedProxies: [], token: "t0k3n" };

describe("setupHint", () => {
  it("on the defaults offers loopback only, and says how to reach the panel from elsewhere", () => {
    const text = setupHint(base).join("\n");
    expect(text).toContain("no user exists yet");
    expect(text).toContain("open http://127.0.0.1:3000/setup");
    expect(text).not.toContain("t0k3n");
    expect(text).toContain("PUBLIC_ORIGINS");
    expect(text).toContain("ssh -L 3000:127.0.0.1:3000");
  });

  it("with a public origin gives the one-time link there", () => {
    const text = setupHint({ ...base, listed: ["https://local.kaifer.dev"] }).join("\n");
    expect(text).toContain("https://local.kaifer.dev/setup?token=t0k3n");
    expect(text).toContain("open http://127.0.0.1:3000/setup");
  });

  it("behind a trusted proxy without public origins gives the link on the panel's own origin", () => {
    const text = setupHint({ ...base, trustedProxies: ["127.0.0.1"] }).join("\n");
    expect(text).toContain("http://127.0.0.1:3000/setup?token=t0k3n");
  });
});

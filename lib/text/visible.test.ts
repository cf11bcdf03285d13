import { describe, expect, it } from "vitest";
import { visible } from "./visible";

describe("visible", () => {
  it("shows bidi overrides, isolates and marks instead of obeying them", () => {
    expect(visible("\u202Enimda")).toBe("[U+202E]nimda");
    expect(visible("a\u2066b\u2069c\u200Fd\u061C")).toBe("a[U+2066]b[U+2069]c[U+200F]d[U+061C]");
  });

  it("shows zero-width, invisible and control characters", () => {
    expect(visible("ad\u200Bmin\uFEFF")).toBe("ad[U+200B]min[U+FEFF]");
    expect(visible("x\u0000y\u001b[31m\n")).toBe("x[U+0000]y[U+001B][31m[U+000A]");
    expect(visible("a\u2028b\u3164c")).toBe("a[U+2028]b[U+3164]c");
  });

  it("leaves ordinary text, accents, other scripts and emoji alone", () => {
    for (const s of ["admin", "Grafana (frame1)", "Café", "Привет", "日本語", "👩‍💻", "❤️‍🔥"]) expect(visible(s)).toBe(s);
    expect(visible("a\u200Db")).toBe("a[U+200D]b");
    expect(visible(null)).toBe("");
  });
});

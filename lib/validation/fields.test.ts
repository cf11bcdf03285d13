import { describe, expect, it } from "vitest";
import { z } from "zod";
import { checkbox, httpUrl, optional, requiredText, text } from "./fields";

describe("httpUrl", () => {
  const url = httpUrl("Link");

  it.each(["http://frame1", "https://grafana.local.kaifer.dev/api/health", "http://10.0.0.1:8080/x?y=1", "https://[::1]/"])(
    "accepts %j",
    (value) => {
      expect(url.parse(value)).toBe(value);
    },
  );

  it.each([
    "javascript:alert(1)",
    "ftp://files.lan/",
    "not a url",
    "",
    "http://",
    "//frame1/path",
    "file:///etc/passwd",
    "data:text/html,x",
  ])("rejects %j", (value) => {
    expect(url.safeParse(value).error?.issues[0].message).toBe("Link must be an http:// or https:// URL.");
  });

  it("trims and limits length", () => {
    expect(url.parse("  https://frame1/  ")).toBe("https://frame1/");
    expect(url.safeParse(`https://frame1/${"x".repeat(2000)}`).error?.issues[0].message).toBe("Link is too long.");
  });
});

describe("text fields", () => {
  it("trims, limits and keeps to one line", () => {
    expect(text(5, "Name").parse("  abc  ")).toBe("abc");
    expect(text(5, "Name").safeParse("abcdef").error?.issues[0].message).toBe("Name must be at most 5 characters.");
    expect(text(50, "Name").safeParse("a\tb").error?.issues[0].message).toBe("Name must be a single line of text.");
    expect(requiredText(5, "Name").safeParse("   ").error?.issues[0].message).toBe("Name is required.");
  });

  it("optional turns blank strings into null", () => {
    const field = optional(z.string().min(2));
    expect(field.parse("")).toBeNull();
    expect(field.parse("   ")).toBeNull();
    expect(field.parse(null)).toBeNull();
    expect(field.parse("ab")).toBe("ab");
    expect(field.safeParse("a").success).toBe(false);
  });

  it("checkbox reads HTML form values", () => {
    expect(checkbox.parse("on")).toBe(true);
    expect(checkbox.parse("true")).toBe(true);
    expect(checkbox.parse(true)).toBe(true);
    expect(checkbox.parse(undefined)).toBe(false);
    expect(checkbox.parse("off")).toBe(false);
    expect(checkbox.parse("")).toBe(false);
  });
});

import { describe, expect, it } from "vitest";
import { ValidationError } from "@/lib/errors";
import { parseEnvFile } from "./env-file";

describe("env files (KEY=value lines)", () => {
  it("reads the lines Docker, Compose and systemd's EnvironmentFile write; keeps only Homepage's variables", () => {
    const env = parseEnvFile(
      [
        "# Homepage",
        "",
        "HOMEPAGE_VAR_A=plain value",
        "export HOMEPAGE_VAR_B='single # quoted'",
        'HOMEPAGE_VAR_C="double \\"quoted\\"\\nline"',
        "  HOMEPAGE_VAR_EMPTY=",
        "HOMEPAGE_FILE_TOKEN=/run/agenix/homepage-token",
        "PUID=1000",
        "HOMEPAGE_VAR_URL=https://x.lan/?a=b=c\r",
      ].join("\n"),
    );
    expect(env).toEqual({
      vars: {
        HOMEPAGE_VAR_A: "plain value",
        HOMEPAGE_VAR_B: "single # quoted",
        HOMEPAGE_VAR_C: 'double "quoted"\nline',
        HOMEPAGE_VAR_EMPTY: "",
        HOMEPAGE_VAR_URL: "https://x.lan/?a=b=c",
      },
      files: { HOMEPAGE_FILE_TOKEN: "/run/agenix/homepage-token" },
      ignored: 1,
    });
  });

  it("refuses a line that is not NAME=value, naming it, for the env field", () => {
    for (const [text, line] of [
      ["HOMEPAGE_VAR_A=1\njust words\n", 2],
      ["=value", 1],
      ["1BAD=x", 1],
      ["HOMEPAGE VAR=x", 1],
    ] as const) {
      let err: unknown;
      try {
        parseEnvFile(text);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(ValidationError);
      expect((err as ValidationError).fields).toEqual({ env: `Line ${line} of the environment is not NAME=value.` });
    }
  });

  it("refuses a text over the bound", () => {
    expect(() => parseEnvFile(`HOMEPAGE_VAR_A=${"x".repeat(100_000)}`)).toThrow(ValidationError);
  });
});

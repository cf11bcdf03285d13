import { describe, expect, it } from "vitest";
import { base32Decode, base32Encode, newTotpSecret, totpCode, verifyTotp } from "./totp";

// RFC 6238 appendix B test vectors (SHA-1, secret "12345678901234567890"), last 6 digits.
const SECRET = base32Encode(Buffer.from("12345678901234567890"));

describe("TOTP", () => {
  it.each([
    [59, "287082"],
    [1111111109, "081804"],
    [1111111111, "050471"],
    [1234567890, "005924"],
    [2000000000, "279037"],
  ])("matches RFC 6238 at t=%i", (t, code) => {
    expect(totpCode(SECRET, t * 1000)).toBe(code);
  });

  it("accepts one step of drift either side, not two", () => {
    const now = 1_700_000_000_000;
    expect(verifyTotp(SECRET, totpCode(SECRET, now - 30_000), now)).toBe(true);
    expect(verifyTotp(SECRET, totpCode(SECRET, now + 30_000), now)).toBe(true);
    expect(verifyTotp(SECRET, totpCode(SECRET, now - 90_000), now)).toBe(false);
    expect(verifyTotp(SECRET, "12345", now)).toBe(false);
    expect(verifyTotp(SECRET, "abcdef", now)).toBe(false);
  });

  it("round-trips base32 and makes 160-bit secrets", () => {
    const s = newTotpSecret();
    expect(s).toMatch(/^[A-Z2-7]{32}$/);
    expect(base32Decode(s)).toHaveLength(20);
    expect(base32Encode(base32Decode("JBSWY3DPEHPK3PXP"))).toBe("JBSWY3DPEHPK3PXP");
  });
});

import { describe, expect, it } from "vitest";
import { ValidationError } from "../errors";
import { describeTarget, parseSshTarget, targetIdentity, type SshTarget } from "./target";

const good: SshTarget = {
  machine: "frame1",
  host: "frame1.lan",
  port: 22,
  user: "root",
  hostKeyFingerprint: "SHA256:" + "x".repeat(43),
  privateKeyPath: "/var/lib/panel/ssh/id_ed25519",
};

const fieldsOf = (input: unknown) => {
  try {
    parseSshTarget(input);
  } catch (err) {
    expect(err).toBeInstanceOf(ValidationError);
    return Object.keys((err as ValidationError).fields ?? {});
  }
  throw new Error("did not throw");
};

describe("parseSshTarget", () => {
  it("accepts a valid target, with a null pin and with a jump host", () => {
    expect(parseSshTarget(good)).toEqual(good);
    expect(parseSshTarget({ ...good, hostKeyFingerprint: null }).hostKeyFingerprint).toBeNull();
    const viaJump = { ...good, host: "10.0.0.5", jump: { ...good, machine: "gateway" } };
    expect(parseSshTarget(viaJump).jump?.machine).toBe("gateway");
  });

  it.each([
    ["host", "-oProxyCommand=sh"],
    ["host", "a b"],
    ["host", "frame1;reboot"],
    ["user", "-lroot"],
    ["user", "root@x"],
    ["port", 0],
    ["port", 70000],
    ["machine", "-x"],
    ["hostKeyFingerprint", "MD5:aa"],
    ["privateKeyPath", "-i"],
    ["privateKeyPath", "a\nb"],
  ])("refuses %s = %j", (field, value) => {
    expect(fieldsOf({ ...good, [field]: value })).toEqual([field]);
  });

  it("validates the jump host too", () => {
    expect(fieldsOf({ ...good, jump: { ...good, host: "-bad" } })).toEqual(["jump.host"]);
  });
});

describe("targetIdentity / describeTarget", () => {
  it("changes when anything that needs a new connection changes", () => {
    const id = targetIdentity(good);
    expect(targetIdentity({ ...good, machine: "other" })).toBe(id);
    expect(targetIdentity({ ...good, port: 2222 })).not.toBe(id);
    expect(targetIdentity({ ...good, hostKeyFingerprint: null })).not.toBe(id);
    expect(targetIdentity({ ...good, jump: good })).not.toBe(id);
    expect(describeTarget({ ...good, jump: { ...good, host: "gw" } })).toBe("root@frame1.lan:22 via root@gw:22");
  });
});

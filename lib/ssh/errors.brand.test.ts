// SSH errors made by server.ts's copy of the module (the pool on globalThis) are recognised by
// Next's copy: the machine page explains a missing key instead of showing its errno.
import { describe, expect, it, vi } from "vitest";
import * as here from "./errors";

describe("SSH errors across module copies", () => {
  it("keep their classes", async () => {
    vi.resetModules();
    // @ts-expect-error a query suffix makes Vite load a second, separate instance of the module
    const other = (await import("./errors?copy")) as typeof here;
    expect(other.SshKeyFileError).not.toBe(here.SshKeyFileError);
    const missing = new other.SshKeyFileError("h", 22, "/k", "missing", "cannot read");
    expect(missing instanceof here.SshKeyFileError).toBe(true);
    expect(missing instanceof here.SshConnectError).toBe(true);
    expect(missing instanceof here.SshAuthRefusedError).toBe(false);
    expect(new other.SshAuthRefusedError("h", 22, "admin", "refused") instanceof here.SshAuthRefusedError).toBe(true);
    expect(new other.HostKeyUnknownError("m", "h", 22, "SHA256:x") instanceof here.HostKeyUnknownError).toBe(true);
    expect(new other.HostKeyMismatchError("m", "h", 22, "a", "b") instanceof here.HostKeyUnknownError).toBe(false);
    expect(new other.ExecError("exit", "x", { command: "c" }) instanceof here.ExecError).toBe(true);
  });
});

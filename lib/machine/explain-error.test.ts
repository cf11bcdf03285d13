import { describe, expect, it } from "vitest";
import { HostKeyMismatchError, SshAuthRefusedError, SshConnectError, SshKeyFileError } from "../ssh/errors";
import { explainError } from "./explain-error";

describe("connection errors as the machine page and the dashboard say them", () => {
  it("a missing key: where it is made, or which configured file is missing; never the errno alone", () => {
    const own = explainError(new SshKeyFileError("10.0.0.2", 22, "data/ssh/id_ed25519", "missing", "cannot read ... (ENOENT)"));
    expect(own).toEqual({ text: expect.stringContaining("The panel has no SSH key yet"), setup: true });
    expect(own.text).not.toContain("ENOENT");
    const configured = explainError(new SshKeyFileError("h", 22, "/etc/k", "missing", "(ENOENT)", true));
    expect(configured.text).toContain("The key file /etc/k set by SSH_KEY_FILE does not exist");
  });

  it("a refused login and a changed host key point at the setup path; other errors keep their message", () => {
    expect(explainError(new SshAuthRefusedError("frame1", 22, "admin", "refused"))).toEqual({
      text: 'frame1 refused the login as "admin" with the panel\'s key.',
      setup: true,
    });
    expect(explainError(new HostKeyMismatchError("m", "h", 22, "SHA256:a", "SHA256:b")).setup).toBe(true);
    expect(explainError(new SshConnectError("h", 22, "connection refused"))).toEqual({
      text: "Cannot connect to h:22: connection refused",
      setup: false,
    });
  });
});

import { describe, expect, it } from "vitest";
import { deployOutcome, newDeployScan, scanDeployLine } from "./deploy-outcome";

const OLD = "/nix/store/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa-nixos-system-frame1";
const NEW = "/nix/store/bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb-nixos-system-frame1";

function scan(lines: string[]) {
  const s = newDeployScan();
  for (const l of lines) scanDeployLine(s, l);
  return s;
}

describe("deploy outcome", () => {
  it("reads the deployed path from the TOML summary and rollback lines", () => {
    const s = scan(["🚀 ℹ️ [deploy] [INFO] The following profiles are going to be deployed:", "[frame1.system]", `path = "${NEW}"`, "⭐ ⚠️ [activate] [WARN] De-activating due to error"]);
    expect(s).toEqual({ deployedPath: NEW, rollbackSeen: true });
    expect(scan([`path = "/etc/passwd"`]).deployedPath).toBeNull();
  });

  it("succeeded only when the system is the deployed path", () => {
    expect(deployOutcome({ exitCode: 0, oldSystem: OLD, newSystem: NEW, deployedPath: NEW, rollbackSeen: false }).status).toBe("succeeded");
    expect(deployOutcome({ exitCode: 0, oldSystem: OLD, newSystem: OLD, deployedPath: NEW, rollbackSeen: false }).status).toBe("failed");
    expect(deployOutcome({ exitCode: 0, oldSystem: NEW, newSystem: NEW, deployedPath: NEW, rollbackSeen: false }).status).toBe("succeeded");
  });

  it("rolled-back when rollback lines were printed and the old system is active", () => {
    const o = deployOutcome({ exitCode: 1, oldSystem: OLD, newSystem: OLD, deployedPath: NEW, rollbackSeen: true });
    expect(o.status).toBe("rolled-back");
    expect(o.message).toContain(OLD);
    expect(deployOutcome({ exitCode: 0, oldSystem: OLD, newSystem: OLD, deployedPath: NEW, rollbackSeen: true }).status).toBe("rolled-back");
  });

  it("failed when the exit code is bad, or the system cannot be read", () => {
    expect(deployOutcome({ exitCode: 1, oldSystem: OLD, newSystem: OLD, deployedPath: null, rollbackSeen: false }).status).toBe("failed");
    expect(deployOutcome({ exitCode: 1, oldSystem: OLD, newSystem: NEW, deployedPath: NEW, rollbackSeen: false }).message).toContain("check the machine");
    expect(deployOutcome({ exitCode: 0, oldSystem: OLD, newSystem: null, deployedPath: NEW, rollbackSeen: false }).status).toBe("failed");
  });
});

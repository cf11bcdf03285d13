/** Types of the lab API (e2e/lab/index.ts). */

export type LabUser = "root" | "admin";
export type LabVariant = "base" | "changed" | "broken" | "slow" | "unbuildable";
export const LAB_VARIANTS: readonly LabVariant[] = ["base", "changed", "broken", "slow", "unbuildable"];
export const LAB_UNITS = ["caddy", "grafana", "victoriametrics", "prometheus-node-exporter", "loki", "alloy", "tailscaled"] as const;
export type LabUnit = (typeof LAB_UNITS)[number];

export interface LabHost {
  name: string;
  address: string;
  sshPort: number;
  users: LabUser[];
  /** `SHA256:...` as printed by `ssh-keygen -lf` */
  hostKeyFingerprint: string;
  state: "running" | "stopped";
}

export interface LabInfo {
  hosts: LabHost[];
  privateKeyPath: string;
  knownHostsPath: string;
  cacheDir: string;
}

export interface UpOptions {
  /** hosts to boot, default LAB_HOSTS or ["frame1", "frame2", "frame3"] (frame1..frame3) */
  hosts?: string[];
  /** keep each host's changes from the previous run (default: every cold up starts fresh) */
  keepState?: boolean;
  /** seconds between journal lines of each fake service (default 2) */
  logIntervalSeconds?: number;
  /** progress lines of `lab.sh up` (default: written to stderr) */
  onProgress?: (line: string) => void;
}

export interface ExecResult {
  stdout: string;
  stderr: string;
  code: number | null;
  signal?: string;
}

export interface ExecOptions {
  timeoutMs?: number;
  /** override the pinned fingerprint (tests use it to prove a mismatch is refused) */
  fingerprint?: string;
  /** called with each chunk of stdout/stderr as it arrives */
  onData?: (stream: "stdout" | "stderr", chunk: string) => void;
}

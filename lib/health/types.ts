// Shapes of health results, shared by the checker, the socket and the badges.

export type HealthStatus = "up" | "slow" | "down" | "unknown";

export type HealthResult = {
  status: HealthStatus;
  /** Milliseconds to first response (HTTP headers or TCP connect); null when none came. */
  latencyMs: number | null;
  /** Short human text: "HTTP 200", "connection refused", "timed out after 5000 ms". */
  detail: string;
  checkedAt: string;
};

export type HealthTarget = { key: string; kind: "http"; url: string } | { key: string; kind: "tcp"; host: string; port: number };

export type HealthSnapshot = Record<string, HealthResult>;

export const serviceKey = (slug: string) => `service:${slug}`;
export const machineKey = (name: string) => `machine:${name}`;

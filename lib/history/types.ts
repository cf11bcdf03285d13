// Shapes of health history, shared by the store, the pages and the tiles (plain data).
import type { HealthStatus } from "../health/types";

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;

/** Stored status codes (HealthSample.status). */
export const STATUS_CODE: Record<HealthStatus, number> = { unknown: 0, up: 1, slow: 2, down: 3 };
export const isUp = (code: number) => code === 1 || code === 2;
export const isDown = (code: number) => code === 3;

/** One check result of one series; `at` in epoch ms. */
export type Sample = { at: number; status: number; latencyMs: number | null };

/** Sums over a stretch of time (an hour's bucket, or a window). */
export type Tally = { checks: number; upMs: number; downMs: number; latencySum: number; latencyCount: number; latencyMax: number };

/** What a tile shows: uptime shares (0..1, null = no data) and a latency sparkline. */
export type TileHistory = {
  uptime: { day: number | null; week: number | null; month: number | null };
  /** SVG polyline points of the hourly mean latency over the last 24 h (viewBox 0 0 48 12); "" = none. */
  spark: string;
  /** Highest hourly mean latency in the sparkline (its scale), ms. */
  sparkMaxMs: number;
};

export type Incident = { startedAt: number; endedAt: number | null; durationMs: number; detail: string };

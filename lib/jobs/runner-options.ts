import "server-only";
// The runner's tunables: defaults from the environment, overridable (tests, the benchmark).
import { env } from "../env";
import type { TimeoutClass } from "./kinds";

export type RunnerSettings = {
  logMaxBytes: number;
  flushMs: number;
  batchLines: number;
  timeouts: Record<TimeoutClass, number>;
  /** Post-deploy checks: which hosts HTTP checks may contact (HEALTH_CHECK_ALLOW), request time-out, how long units may take to become active. */
  checks: { allow: string; httpTimeoutMs: number; settleMs: number };
};

export function runnerSettingsFromEnv(): RunnerSettings {
  const e = env();
  return {
    logMaxBytes: e.JOB_LOG_MAX_BYTES,
    flushMs: e.JOB_LOG_FLUSH_MS,
    batchLines: e.JOB_LOG_BATCH_LINES,
    timeouts: {
      eval: e.JOB_TIMEOUT_EVAL_MS,
      build: e.JOB_TIMEOUT_BUILD_MS,
      deploy: e.JOB_TIMEOUT_DEPLOY_MS,
      query: e.JOB_TIMEOUT_QUERY_MS,
    },
    checks: { allow: e.HEALTH_CHECK_ALLOW, httpTimeoutMs: e.HEALTH_TIMEOUT_MS, settleMs: 15_000 },
  };
}

import "server-only";
// The runner's tunables: defaults from the environment, overridable (tests, the benchmark).
import { env } from "../env";
import type { TimeoutClass } from "./kinds";

export type RunnerSettings = {
  logMaxBytes: number;
  flushMs: number;
  batchLines: number;
  timeouts: Record<TimeoutClass, number>;
};

export function runnerSettingsFromEnv(): RunnerSettings {
  const e = env();
  return {
    logMaxBytes: e.JOB_LOG_MAX_BYTES,
    flushMs: e.JOB_LOG_FLUSH_MS,
    batchLines: e.JOB_LOG_BATCH_LINES,
    timeouts: { eval: e.JOB_TIMEOUT_EVAL_MS, build: e.JOB_TIMEOUT_BUILD_MS, deploy: e.JOB_TIMEOUT_DEPLOY_MS, query: e.JOB_TIMEOUT_QUERY_MS },
  };
}

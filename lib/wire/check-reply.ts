// What the "Check connection" server action answers: one check's result, or why it did not run.
import type { CheckResult } from "./connection-check";

export type CheckReply = { result: CheckResult; error?: never } | { error: string; result?: never };
/** What "Create the panel's key" answers. */
export type KeyReply = { message: string; created: boolean };

// What the promote action answers (plain JSON, no server modules): the request's reply plus the
// started job in the browser's shape, so its live log opens at once.
import type { WireJob } from "@/lib/wire/job";
import type { PromoteInput, PromoteReply } from "@/lib/wire/promote";

export type PromoteActionReply = (PromoteReply & { ok: false }) | (PromoteReply & { ok: true; job: WireJob });
export type { PromoteInput };

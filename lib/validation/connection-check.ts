// Input of "Check connection": which machine, which check.
import { z } from "zod";
import { MACHINE_NAME } from "../commands/patterns";
import { CHECK_IDS } from "../wire/connection-check";

export const checkRequest = z.object({
  machine: z.string().max(100).regex(MACHINE_NAME, "not a machine name"),
  check: z.enum(CHECK_IDS),
});

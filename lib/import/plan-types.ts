// A plan with the writes that carry it out.
import type { MachineOp } from "./machine-plan";
import type { ServiceOp } from "./service-plan";
import type { ImportPlan } from "./types";

export type Planned = { plan: ImportPlan; ops: ServiceOp[]; machineOps?: MachineOp[] };

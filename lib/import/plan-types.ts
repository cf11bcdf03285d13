// A plan with the writes that carry it out.
import type { MachineOp } from "./machine-plan";
import type { ServiceOp } from "./service-plan";
import type { ImportPlan } from "./model/plan";

export type Planned = { plan: ImportPlan; ops: ServiceOp[]; machineOps?: MachineOp[] };

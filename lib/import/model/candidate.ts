// What an import source (Homepage, a flake) hands the planner for each service, and the inventory's
// services as the planner compares them. Types only: the sources and the planner both build on them.
import type { ServiceInput } from "@/lib/validation/service";
import type { ImportNote } from "./plan";

export type ServiceSnapshot = Omit<ServiceInput, "icon" | "checkType"> & { icon: string; checkType: string };

export type ServiceCandidateIn = {
  slug: string | null;
  path: string;
  line: number | null;
  /** Only the fields this source sets; others keep their inventory (or default) value. */
  values: Partial<Record<keyof ServiceInput, unknown>>;
  notes: ImportNote[];
  /** Fields set only when the service is new (defaults the source suggests but does not own). */
  create?: Partial<Record<keyof ServiceInput, unknown>>;
  /** Finds the existing service this candidate is (before matching by id and name). */
  match?: (s: ServiceSnapshot) => boolean;
};

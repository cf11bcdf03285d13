"use server";
// Inventory server actions: parse with zod -> call lib -> tell dashboards -> redirect.
import { redirect } from "next/navigation";
import { revalidatePath } from "next/cache";
import { DomainError } from "@/lib/errors";
import { createMachine, deleteMachine, updateMachine } from "@/lib/db/machines";
import { createService, deleteService, updateService } from "@/lib/db/services";
import { requestHealthRefresh } from "@/lib/health/registry";
import { broadcastInventoryChanged } from "@/lib/live/io";
import { fieldErrors, formToObject } from "@/lib/validation/form";
import type { FormState } from "@/lib/validation/form-state";
import { machineDeleteInput, machineInput, machineName } from "@/lib/validation/machine";
import { serviceInput } from "@/lib/validation/service";
import { SLUG } from "@/lib/validation/patterns";
import type { z } from "zod";

function changed(): void {
  revalidatePath("/", "layout");
  broadcastInventoryChanged();
  requestHealthRefresh();
}

async function run<S extends z.ZodType>(
  schema: S,
  form: FormData,
  work: (input: z.infer<S>) => Promise<unknown>,
): Promise<FormState | null> {
  const values = formToObject(form);
  const parsed = schema.safeParse(values);
  if (!parsed.success) {
    return { message: "Nothing was saved: check the highlighted fields.", fields: fieldErrors(parsed.error), values };
  }
  try {
    await work(parsed.data);
  } catch (err) {
    if (err instanceof DomainError) return { message: `Nothing was saved: ${err.message}`, fields: err.fields, values };
    throw err;
  }
  changed();
  return null;
}

function originalSlug(value: string | null): string | null {
  if (value === null) return null;
  if (!SLUG.test(value)) throw new DomainError("invalid_input", "Unknown service.");
  return value;
}

export async function saveService(original: string | null, _prev: FormState, form: FormData): Promise<FormState> {
  const slug = originalSlug(original);
  const failed = await run(serviceInput, form, (input) => (slug ? updateService(slug, input) : createService(input)));
  if (failed) return failed;
  redirect(`/inventory?saved=${encodeURIComponent(String(form.get("slug")))}`);
}

export async function removeService(_prev: FormState, form: FormData): Promise<FormState> {
  const slug = String(form.get("slug") ?? "");
  if (!SLUG.test(slug)) return { message: "Unknown service." };
  try {
    await deleteService(slug);
  } catch (err) {
    if (err instanceof DomainError) return { message: err.message };
    throw err;
  }
  changed();
  redirect(`/inventory?deleted=${encodeURIComponent(slug)}`);
}

export async function saveMachine(original: string | null, _prev: FormState, form: FormData): Promise<FormState> {
  const name = original === null ? null : machineName.parse(original);
  const failed = await run(machineInput, form, (input) => (name ? updateMachine(name, input) : createMachine(input)));
  if (failed) return failed;
  redirect(`/inventory?saved=${encodeURIComponent(String(form.get("name")))}`);
}

export async function removeMachine(_prev: FormState, form: FormData): Promise<FormState> {
  const failed = await run(machineDeleteInput, form, deleteMachine);
  if (failed) return { ...failed, message: failed.message?.replace("Nothing was saved", "Nothing was deleted") };
  redirect(`/inventory?deleted=${encodeURIComponent(String(form.get("name")))}`);
}

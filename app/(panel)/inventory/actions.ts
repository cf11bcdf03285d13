"use server";
// Inventory server actions: parse with zod -> call lib -> tell dashboards -> redirect.
import { redirect } from "next/navigation";
import { revalidatePath } from "next/cache";
import { DomainError, ValidationError } from "@/lib/errors";
import { createMachine, deleteMachine, updateMachine } from "@/lib/db/machines";
import { createService, deleteService, updateService } from "@/lib/db/services";
import { requestHealthRefresh } from "@/lib/health/registry";
import { broadcastInventoryChanged } from "@/lib/live/io";
import { fieldErrors, formToObject } from "@/lib/validation/form";
import type { FormState } from "@/lib/validation/form-state";
import { machineDeleteInput, machineInput } from "@/lib/validation/machine";
import { serviceDeleteInput, serviceInput } from "@/lib/validation/service";
import { MACHINE_NAME, SLUG } from "@/lib/commands/patterns";
import type { z } from "zod";
import { requireAction } from "@/lib/auth/current";
import { audit } from "@/lib/auth/audit";

function changed(): void {
  revalidatePath("/", "layout");
  broadcastInventoryChanged();
  requestHealthRefresh();
}

/** Authorise -> parse -> act -> audit. Returns the form's error state, or null on success. */
async function run<S extends z.ZodType>(
  action: string,
  form: FormData,
  schema: S,
  work: (input: z.infer<S>) => Promise<unknown>,
): Promise<FormState | null> {
  const values = formToObject(form);
  const target = String(values.slug ?? values.name ?? "").slice(0, 100);
  let who;
  try {
    who = await requireAction("inventory:write", action, target);
  } catch (err) {
    if (err instanceof DomainError) return { message: `Nothing was saved: ${err.message}`, values };
    throw err;
  }
  const parsed = schema.safeParse(values);
  if (!parsed.success) {
    return { message: "Nothing was saved: check the highlighted fields.", fields: fieldErrors(parsed.error), values };
  }
  try {
    await work(parsed.data);
  } catch (err) {
    if (err instanceof DomainError) {
      await audit(who.user, who.ctx.address, action, "failed", target, err.message);
      return { message: `Nothing was saved: ${err.message}`, fields: err.fields, values };
    }
    throw err;
  }
  await audit(who.user, who.ctx.address, action, "ok", target);
  changed();
  return null;
}

/** A bound "original name" argument, checked like any other input (it comes back from the client). */
function original(value: unknown, pattern: RegExp): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value !== "string" || !pattern.test(value)) throw new ValidationError("Unknown entry.");
  return value;
}

export async function saveService(from: string | null, _prev: FormState, form: FormData): Promise<FormState> {
  const failed = await run(from ? "inventory.service.update" : "inventory.service.create", form, serviceInput, async (input) => {
    const slug = original(from, SLUG);
    return slug ? updateService(slug, input) : createService(input);
  });
  if (failed) return failed;
  redirect(`/inventory?saved=${encodeURIComponent(String(form.get("slug")))}`);
}

export async function removeService(_prev: FormState, form: FormData): Promise<FormState> {
  const failed = await run("inventory.service.delete", form, serviceDeleteInput, ({ slug }) => deleteService(slug));
  if (failed) return { message: failed.message?.replace("Nothing was saved", "Nothing was deleted") };
  redirect(`/inventory?deleted=${encodeURIComponent(String(form.get("slug")))}`);
}

export async function saveMachine(from: string | null, _prev: FormState, form: FormData): Promise<FormState> {
  const failed = await run(from ? "inventory.machine.update" : "inventory.machine.create", form, machineInput, async (input) => {
    const name = original(from, MACHINE_NAME);
    return name ? updateMachine(name, input) : createMachine(input);
  });
  if (failed) return failed;
  redirect(`/inventory?saved=${encodeURIComponent(String(form.get("name")))}`);
}

export async function removeMachine(_prev: FormState, form: FormData): Promise<FormState> {
  const failed = await run("inventory.machine.delete", form, machineDeleteInput, deleteMachine);
  if (failed) return { ...failed, message: failed.message?.replace("Nothing was saved", "Nothing was deleted") };
  redirect(`/inventory?deleted=${encodeURIComponent(String(form.get("name")))}`);
}

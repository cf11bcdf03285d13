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
import { serviceDeleteInput, serviceInput } from "@/lib/validation/service";
import { SLUG } from "@/lib/validation/patterns";
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

export async function saveService(original: string | null, _prev: FormState, form: FormData): Promise<FormState> {
  if (original !== null && !SLUG.test(original)) return { message: "Unknown service." };
  const slug = original;
  const failed = await run(slug ? "inventory.service.update" : "inventory.service.create", form, serviceInput, (input) =>
    slug ? updateService(slug, input) : createService(input),
  );
  if (failed) return failed;
  redirect(`/inventory?saved=${encodeURIComponent(String(form.get("slug")))}`);
}

export async function removeService(_prev: FormState, form: FormData): Promise<FormState> {
  const failed = await run("inventory.service.delete", form, serviceDeleteInput, ({ slug }) => deleteService(slug));
  if (failed) return { message: failed.message?.replace("Nothing was saved", "Nothing was deleted") };
  redirect(`/inventory?deleted=${encodeURIComponent(String(form.get("slug")))}`);
}

export async function saveMachine(original: string | null, _prev: FormState, form: FormData): Promise<FormState> {
  const name = original === null ? null : machineName.safeParse(original).data ?? null;
  if (original !== null && name === null) return { message: "Unknown machine." };
  const failed = await run(name ? "inventory.machine.update" : "inventory.machine.create", form, machineInput, (input) =>
    name ? updateMachine(name, input) : createMachine(input),
  );
  if (failed) return failed;
  redirect(`/inventory?saved=${encodeURIComponent(String(form.get("name")))}`);
}

export async function removeMachine(_prev: FormState, form: FormData): Promise<FormState> {
  const failed = await run("inventory.machine.delete", form, machineDeleteInput, deleteMachine);
  if (failed) return { ...failed, message: failed.message?.replace("Nothing was saved", "Nothing was deleted") };
  redirect(`/inventory?deleted=${encodeURIComponent(String(form.get("name")))}`);
}

"use server";
// The inventory imports: authorise -> parse -> preview or apply (lib/import) -> audit the apply.
import { revalidatePath } from "next/cache";
import type { z } from "zod";
import { requireAction } from "@/lib/auth/current";
import { audit } from "@/lib/auth/audit";
import { DomainError } from "@/lib/errors";
import { requestHealthRefresh } from "@/lib/health/registry";
import { ImportSyntaxError } from "@/lib/import/homepage";
import { parseEnvFile, templatesFromUploads } from "@/lib/import/homepage/env-file";
import { applyHomepage, planSummary, previewHomepage } from "@/lib/import/homepage-import";
import { evaluateHomepageNixText } from "@/lib/import/homepage-nix";
import { applyFlake, previewFlake } from "@/lib/import/flake-import";
import { readHomepageFromFlake } from "@/lib/import/homepage-flake";
import type { ImportPlan, ImportState } from "@/lib/import/model/plan";
import { broadcastInventoryChanged } from "@/lib/live/io";
import { fieldErrors, formToObject } from "@/lib/validation/form";
import { flakeImportInput, homepageFlakeInput, homepageImportInput, homepageNixInput } from "@/lib/validation/import";

async function handle<S extends z.ZodType<{ mode: "preview" | "apply" }>>(
  action: string,
  form: unknown,
  schema: S,
  target: (input: z.infer<S>) => string,
  work: (input: z.infer<S>) => Promise<ImportPlan>,
): Promise<ImportState> {
  const values = formToObject(form);
  let who;
  try {
    who = await requireAction("inventory:write", action, String(values.machine ?? values.kind ?? "").slice(0, 100));
  } catch (err) {
    if (err instanceof DomainError) return { message: `Nothing was imported: ${err.message}` };
    throw err;
  }
  const parsed = schema.safeParse(values);
  if (!parsed.success) return { message: "Nothing was imported: check the highlighted fields.", fields: fieldErrors(parsed.error) };
  const input = parsed.data;
  try {
    const plan = await work(input);
    if (input.mode === "apply") {
      await audit(who.user, who.ctx.address, action, "ok", target(input), planSummary(plan));
      if (plan.counts.add + plan.counts.change > 0) {
        revalidatePath("/", "layout");
        broadcastInventoryChanged();
        requestHealthRefresh();
      }
    }
    return { mode: input.mode, plan };
  } catch (err) {
    if (input.mode === "apply" && (err instanceof DomainError || err instanceof ImportSyntaxError)) {
      await audit(who.user, who.ctx.address, action, "failed", target(input), err.message);
    }
    if (err instanceof ImportSyntaxError) return { message: `Nothing was imported: ${err.message}`, line: err.line };
    if (err instanceof DomainError) return { message: `Nothing was imported: ${err.message}`, fields: err.fields };
    throw err;
  }
}

export async function importHomepage(_prev: ImportState, form: FormData): Promise<ImportState> {
  return handle(
    "inventory.import.homepage",
    form,
    homepageImportInput,
    (i) => i.kind,
    (i) => {
      // Template values only from what was sent: the env text and the files uploaded with it.
      const templates = templatesFromUploads(parseEnvFile(i.env), i.envFiles);
      return i.mode === "apply" ? applyHomepage(i.text, i.kind, templates) : previewHomepage(i.text, i.kind, templates);
    },
  );
}

export async function importFlake(_prev: ImportState, form: FormData): Promise<ImportState> {
  return handle(
    "inventory.import.flake",
    form,
    flakeImportInput,
    (i) => `${i.machine}:${i.flakeDir ?? "(inventory flake)"}`,
    (i) =>
      i.mode === "apply"
        ? applyFlake({ machine: i.machine, flakeDir: i.flakeDir })
        : previewFlake({ machine: i.machine, flakeDir: i.flakeDir }),
  );
}

type Loaded = { text?: string; message?: string; fields?: Record<string, string> };

/** Authorise -> parse -> produce the text for the Homepage tab's box. Changes nothing. */
async function loadText<S extends z.ZodType>(
  action: string,
  form: unknown,
  schema: S,
  target: string,
  invalid: string,
  work: (input: z.infer<S>) => Promise<string>,
): Promise<Loaded> {
  const values = formToObject(form);
  try {
    await requireAction("inventory:write", action, String(values[target] ?? "").slice(0, 100));
  } catch (err) {
    if (err instanceof DomainError) return { message: err.message };
    throw err;
  }
  const parsed = schema.safeParse(values);
  if (!parsed.success) return { message: invalid, fields: fieldErrors(parsed.error) };
  try {
    return { text: await work(parsed.data) };
  } catch (err) {
    if (err instanceof DomainError) return { message: err.message, fields: err.fields };
    throw err;
  }
}

/** Reads services.homepage-dashboard from a machine's flake into the Homepage tab's text box (changes nothing). */
export async function loadHomepageFromFlake(form: FormData): Promise<Loaded> {
  return loadText("inventory.import.homepage-flake", form, homepageFlakeInput, "machine", "Check the highlighted fields.", (i) =>
    readHomepageFromFlake(i),
  );
}

/** Evaluates an uploaded .nix file (services.homepage-dashboard) with nix-instantiate into the same box (changes nothing). */
export async function loadHomepageFromNix(form: FormData): Promise<Loaded> {
  return loadText("inventory.import.homepage-nix", form, homepageNixInput, "name", "Choose a .nix file.", (i) =>
    evaluateHomepageNixText(i.text, i.name),
  );
}

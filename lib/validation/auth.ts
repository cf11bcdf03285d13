// Inputs of logins, the first set-up and user management. The password lengths are facts of input
// (lib/auth enforces them too), so they live here, below lib/auth.
import { z } from "zod";
import { ROLES } from "./roles";

export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 256;

export const userName = z
  .string()
  .trim()
  .regex(/^[a-z][a-z0-9._-]{0,31}$/, "Use 1-32 lower-case letters, digits, '.', '_' or '-', starting with a letter.");

export const loginInput = z.object({
  name: z.string().trim().min(1, "Enter your user name.").max(64, "Too long."),
  password: z.string().min(1, "Enter your password.").max(MAX_PASSWORD_LENGTH, "Too long."),
  totp: z
    .string()
    .trim()
    .regex(/^\d{6}$/, "Enter the 6-digit code.")
    .optional(),
});

export const newPassword = z
  .string()
  .min(MIN_PASSWORD_LENGTH, `Use at least ${MIN_PASSWORD_LENGTH} characters.`)
  .max(MAX_PASSWORD_LENGTH, `Use at most ${MAX_PASSWORD_LENGTH} characters.`);

export const setupInput = z.object({
  name: userName,
  password: newPassword,
  token: z.string().max(100).optional(),
});

export const newUserInput = z.object({
  name: userName,
  password: newPassword,
  role: z.enum(ROLES, { message: "Choose admin, operator or viewer." }),
  tailscaleLogin: z
    .preprocess(
      (v) => (v === "" ? null : v),
      z
        .string()
        .trim()
        .max(200)
        .regex(/^[^\s,;]+@[^\s,;]+$/, "Use a login like alice@example.com.")
        .nullable(),
    )
    .default(null),
});

export const safeNext = z
  .string()
  .regex(/^\/(?!\/)[A-Za-z0-9/_.\-?=&%]*$/)
  .catch("/");

// Homepage's {{HOMEPAGE_VAR_NAME}} and {{HOMEPAGE_FILE_NAME}} templates. Homepage fills them from
// its environment in the raw text before it reads the YAML (substitute.ts does the same); one
// left without a value is kept exactly as written, and the plan marks it.

export const TEMPLATE = /\{\{\s*HOMEPAGE_(?:VAR|FILE)_[A-Za-z0-9_]+\s*\}\}/;
/** Every template in a text; group 1 is the variable name. */
export const TEMPLATES = /\{\{\s*(HOMEPAGE_(?:VAR|FILE)_[A-Za-z0-9_]+)\s*\}\}/g;
/** The variables Homepage substitutes (src/utils/config/config.js: homepageVarPrefix, homepageFilePrefix). */
export const TEMPLATE_KEY = /^HOMEPAGE_(?:VAR|FILE)_[A-Za-z0-9_]+$/;

export function hasTemplate(value: unknown): boolean {
  return typeof value === "string" && TEMPLATE.test(value);
}

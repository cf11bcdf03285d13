// Homepage substitutes {{HOMEPAGE_VAR_NAME}} and {{HOMEPAGE_FILE_NAME}} from its environment. The
// panel has no such variables: templates are kept exactly as written, and the plan marks them.

export const TEMPLATE = /\{\{\s*HOMEPAGE_(?:VAR|FILE)_[A-Za-z0-9_]+\s*\}\}/;

export function hasTemplate(value: unknown): boolean {
  return typeof value === "string" && TEMPLATE.test(value);
}

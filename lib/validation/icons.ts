// Built-in tile icons (drawn in components/ui/icon.tsx): no requests to icon CDNs.
export const ICONS = [
  "shield",
  "home",
  "chart",
  "database",
  "logs",
  "pipeline",
  "network",
  "terminal",
  "globe",
  "server",
  "box",
  "lock",
  "cloud",
  "bell",
] as const;
export type IconName = (typeof ICONS)[number];

// Vitest stand-in for the "server-only" marker package: the real one throws outside React Server builds.
export {};

// Built-in stroke icons for tiles: drawn inline, so the dashboard fetches no icon files.
const PATHS: Record<string, string> = {
  shield: "M12 3l8 3v6c0 5-3.5 8-8 9-4.5-1-8-4-8-9V6z",
  home: "M3 11l9-7 9 7M5 10v10h14V10M10 20v-6h4v6",
  chart: "M4 20V4M4 20h16M8 16v-5M12 16V8M16 16v-3",
  database: "M12 3c4.4 0 8 1.3 8 3s-3.6 3-8 3-8-1.3-8-3 3.6-3 8-3zM4 6v12c0 1.7 3.6 3 8 3s8-1.3 8-3V6M4 12c0 1.7 3.6 3 8 3s8-1.3 8-3",
  logs: "M6 3h9l4 4v14H6zM9 9h6M9 13h7M9 17h5",
  pipeline: "M3 6h6v4H3zM15 14h6v4h-6zM9 8h3v8h3",
  network: "M12 3v6M5 21v-4h14v4M12 9a3 3 0 100 .1M12 12v5",
  terminal: "M4 5h16v14H4zM7 9l3 3-3 3M12 15h5",
  globe: "M12 3a9 9 0 100 18 9 9 0 000-18zM3 12h18M12 3c3 3 3 15 0 18M12 3c-3 3-3 15 0 18",
  server: "M4 4h16v6H4zM4 14h16v6H4zM8 7h.01M8 17h.01",
  box: "M12 3l8 4v10l-8 4-8-4V7zM4 7l8 4 8-4M12 11v10",
  lock: "M6 11h12v10H6zM8 11V7a4 4 0 018 0v4",
  cloud: "M7 18h10a4 4 0 000-8 6 6 0 00-11.5 2A3 3 0 007 18z",
  bell: "M6 16V11a6 6 0 0112 0v5l2 2H4zM10 20a2 2 0 004 0",
};

export function Icon({ name, className = "size-6" }: { name: string; className?: string }) {
  const d = PATHS[name] ?? PATHS.box;
  return (
    <svg
      viewBox="0 0 24 24"
      aria-hidden="true"
      className={className}
      fill="none"
      stroke="currentColor"
      strokeWidth={1.8}
      strokeLinecap="round"
      strokeLinejoin="round"
    >
      <path d={d} />
    </svg>
  );
}

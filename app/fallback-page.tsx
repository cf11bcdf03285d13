import Link from "next/link";
import type { CSSProperties } from "react";

// The "not found" and "not allowed" pages. Next renders them in the root layout, outside
// app/(panel)/layout.tsx and its stylesheet, and a stylesheet imported here would be the root
// layout's again (copied into every page, see that file), so they carry their few styles inline:
// the system's own colours for light and dark, the same font stack as the panel.
const page: CSSProperties = {
  position: "fixed",
  inset: 0,
  display: "grid",
  placeContent: "center",
  gap: "0.75rem",
  padding: "0 1rem",
  textAlign: "center",
  colorScheme: "light dark",
  background: "Canvas",
  color: "CanvasText",
  fontFamily: "ui-sans-serif, system-ui, sans-serif",
};

export function FallbackPage({ title, text }: { title: string; text: string }) {
  return (
    <main style={page}>
      <h1 style={{ margin: 0, fontSize: "1.5rem", fontWeight: 600 }}>{title}</h1>
      <p style={{ margin: 0, maxWidth: "28rem", opacity: 0.75 }}>{text}</p>
      <Link href="/" style={{ color: "LinkText" }}>
        Back to the dashboard
      </Link>
    </main>
  );
}

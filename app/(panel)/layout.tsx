// Every page of the panel sits in this route group (the folder name is not part of any URL) so
// that the stylesheet is imported here and not in the root layout. Turbopack lists the root
// layout's CSS a second time under Next's built-in global-error, and with experimental.inlineCss
// that put a third copy of the whole stylesheet into every page's HTML (vercel/next.js#98110):
// 121 KB of HTML per dashboard render instead of 92 KB, rendered, escaped and compressed each time.
import "../globals.css";

export default function PanelLayout({ children }: { children: React.ReactNode }) {
  return children;
}

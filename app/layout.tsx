import type { Metadata, Viewport } from "next";

export const metadata: Metadata = {
  title: { default: "Homelab", template: "%s · Homelab" },
  description: "Control panel for the NixOS homelab: services, machines, deploys.",
  applicationName: "Homelab Panel",
  appleWebApp: { capable: true, title: "Homelab", statusBarStyle: "black-translucent" },
  icons: { icon: "/icons/icon.svg", apple: "/icons/icon-192.png" },
};

export const viewport: Viewport = {
  width: "device-width",
  initialScale: 1,
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#f6f7f9" },
    { media: "(prefers-color-scheme: dark)", color: "#0d1117" },
  ],
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-dvh antialiased">{children}</body>
    </html>
  );
}

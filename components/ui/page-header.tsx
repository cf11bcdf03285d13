import Link from "next/link";

export function PageHeader({ title, children }: { title: string; children?: React.ReactNode }) {
  return (
    <header className="mb-2 flex flex-wrap items-center justify-between gap-3 pt-4">
      <div className="flex items-center gap-3">
        <Link href="/" className="flex items-center gap-2 font-semibold">
          <img src="/icons/icon.svg" alt="" width={28} height={28} />
          <span className="sr-only sm:not-sr-only">Homelab</span>
        </Link>
        <h1 className="text-xl font-semibold">{title}</h1>
      </div>
      <nav className="flex flex-wrap items-center gap-2 text-sm">{children}</nav>
    </header>
  );
}

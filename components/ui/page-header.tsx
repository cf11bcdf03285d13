import Link from "next/link";

type Props = { title: string; children?: React.ReactNode; menu?: boolean };

/**
 * The page's title and its links. On a phone the links fold into a "Menu" (a details/summary, no
 * script) so the header stays one row; from `sm` up they sit in a row beside the title.
 * `menu={false}` keeps them inline on a phone too (one short link, e.g. "Log in").
 */
export function PageHeader({ title, children, menu = true }: Props) {
  return (
    <header className="relative mb-2 flex items-center justify-between gap-3 pt-3 sm:flex-wrap sm:pt-4">
      <div className="flex min-w-0 items-center gap-3">
        <Link href="/" className="flex shrink-0 items-center gap-2 font-semibold">
          <img src="/icons/icon.svg" alt="" width={28} height={28} />
          <span className="sr-only sm:not-sr-only">Homelab</span>
        </Link>
        <h1 className="min-w-0 text-xl font-semibold [overflow-wrap:anywhere]">{title}</h1>
      </div>
      {children && (
        <nav className="flex shrink-0 items-center text-sm">
          {menu && (
            // A new page (another title) gets a closed menu, even after a client-side navigation.
            <details key={title} className="peer sm:hidden">
              <summary
                data-testid="nav-menu"
                className="inline-flex h-11 cursor-pointer list-none items-center gap-2 rounded-lg border border-(--color-line) px-3 [&::-webkit-details-marker]:hidden"
              >
                <svg viewBox="0 0 24 24" aria-hidden="true" className="size-5" fill="none" stroke="currentColor" strokeWidth={1.8}>
                  <path d="M4 7h16M4 12h16M4 17h16" strokeLinecap="round" />
                </svg>
                Menu
              </summary>
            </details>
          )}
          <div
            data-testid="nav-links"
            className={
              menu
                ? "hidden peer-open:flex max-sm:absolute max-sm:top-full max-sm:right-0 max-sm:z-30 max-sm:min-w-48 max-sm:flex-col max-sm:items-stretch max-sm:gap-1 max-sm:rounded-xl max-sm:border max-sm:border-(--color-line) max-sm:bg-(--color-panel) max-sm:p-2 max-sm:shadow-lg sm:flex sm:flex-wrap sm:items-center sm:gap-2"
                : "flex flex-wrap items-center gap-2"
            }
          >
            {children}
          </div>
        </nav>
      )}
    </header>
  );
}

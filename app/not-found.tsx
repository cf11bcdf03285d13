import Link from "next/link";

export default function NotFound() {
  return (
    <main className="mx-auto grid min-h-dvh max-w-md content-center gap-3 px-4 text-center">
      <h1 className="text-2xl font-semibold">Not found</h1>
      <p className="text-(--color-muted)">There is nothing at this address.</p>
      <Link href="/" className="text-(--color-accent) underline">
        Back to the dashboard
      </Link>
    </main>
  );
}

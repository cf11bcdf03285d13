import Link from "next/link";

export default function Forbidden() {
  return (
    <main className="mx-auto grid min-h-dvh max-w-md content-center gap-3 px-4 text-center">
      <h1 className="text-2xl font-semibold">Not allowed</h1>
      <p className="text-(--color-muted)">Your role does not allow this page. Ask an admin if you need it.</p>
      <Link href="/" className="text-(--color-accent) underline">
        Back to the dashboard
      </Link>
    </main>
  );
}

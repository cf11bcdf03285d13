import { redirect } from "next/navigation";
import { SetupForm } from "@/components/auth/setup-form";
import { requestContext } from "@/lib/auth/current";
import { needsSetup, setupAllowedFrom } from "@/lib/auth/setup";

export const dynamic = "force-dynamic";
export const metadata = { title: "Set up" };

export default async function SetupPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  if (!(await needsSetup())) redirect("/login");
  const raw = (await searchParams).token;
  const token = typeof raw === "string" && raw.length <= 100 ? raw : null;
  const allowed = setupAllowedFrom(await requestContext(), token);
  return (
    <main className="mx-auto grid min-h-dvh max-w-sm content-center px-4">
      <h1 className="mb-2 text-2xl font-semibold">Set up the panel</h1>
      {allowed ? (
        <>
          <p className="mb-6 text-sm text-(--color-muted)">No user exists yet. Create the first admin; there is no default password.</p>
          <SetupForm token={token} />
        </>
      ) : (
        <p role="alert" className="text-sm">
          Setup is only possible from the machine the panel runs on, or with the one-time link printed in the server log (
          <code>/setup?token=…</code>).
        </p>
      )}
    </main>
  );
}

import { redirect } from "next/navigation";
import { LoginForm } from "@/components/auth/login-form";
import { currentUser } from "@/lib/auth/current";
import { needsSetup } from "@/lib/auth/setup";
import { safeNext } from "@/lib/validation/auth";

export const dynamic = "force-dynamic";
export const metadata = { title: "Log in" };

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const next = safeNext.parse((await searchParams).next);
  if (await needsSetup()) redirect("/setup");
  if (await currentUser()) redirect(next);
  return (
    <main className="mx-auto grid min-h-dvh max-w-sm content-center px-4">
      <div className="mb-6 flex items-center gap-3">
        <img src="/icons/icon.svg" alt="" width={36} height={36} />
        <h1 className="text-2xl font-semibold">Homelab</h1>
      </div>
      <LoginForm next={next} />
    </main>
  );
}

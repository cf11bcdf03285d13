import { ActionForm } from "@/components/account/action-form";
import { LogoutButtons } from "@/components/account/logout-buttons";
import { UserMenu } from "@/components/auth/user-menu";
import { Button } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { requirePage } from "@/lib/auth/current";
import { otpauthUrl } from "@/lib/auth/totp";
import { findUserById } from "@/lib/db/users";
import { changePassword, confirmTotp, disableTotp, startTotp } from "./actions";
import { visible } from "@/lib/text/visible";

export const dynamic = "force-dynamic";
export const metadata = { title: "Account" };

export default async function AccountPage() {
  const user = (await requirePage("account:manage", "/account"))!;
  const row = await findUserById(user.id);
  const section = "mt-8 max-w-2xl border-t border-(--color-line) pt-6";
  return (
    <main className="mx-auto max-w-7xl px-4 pb-10">
      <PageHeader title="Account">
        <UserMenu user={user} />
      </PageHeader>
      <p className="mt-4">
        Logged in as <strong>{visible(user.name)}</strong> ({user.role}).
      </p>
      <section className={section}>
        <h2 className="mb-3 font-semibold">Sessions</h2>
        <LogoutButtons />
      </section>
      <section className={section}>
        <h2 className="mb-3 font-semibold">Password</h2>
        <ActionForm
          action={changePassword}
          submit="Change password"
          fields={[
            { name: "current", label: "Current password", type: "password", autoComplete: "current-password" },
            { name: "password", label: "New password (12+ characters)", type: "password", autoComplete: "new-password" },
          ]}
        />
      </section>
      <section className={section}>
        <h2 className="mb-3 font-semibold">Two-factor login (TOTP)</h2>
        {row?.totpEnabled ? (
          <ActionForm
            action={disableTotp}
            submit="Turn off"
            fields={[{ name: "code", label: "Current code", inputMode: "numeric", autoComplete: "one-time-code" }]}
          >
            <p className="text-sm">On. Enter a current code to turn it off.</p>
          </ActionForm>
        ) : row?.totpSecret ? (
          <ActionForm
            action={confirmTotp}
            submit="Turn on"
            fields={[{ name: "code", label: "Code from the app", inputMode: "numeric", autoComplete: "one-time-code" }]}
          >
            <p className="text-sm">Add this secret to your authenticator app, then enter the code it shows.</p>
            <code data-testid="totp-secret" className="break-all rounded bg-(--color-line)/50 p-2 font-mono text-sm">
              {row.totpSecret}
            </code>
            <a className="text-sm text-(--color-accent) underline" href={otpauthUrl(row.totpSecret, user.name)}>
              Open in authenticator app
            </a>
          </ActionForm>
        ) : (
          <form
            action={async () => {
              "use server";
              await startTotp();
            }}
          >
            <Button type="submit">Set up two-factor login</Button>
          </form>
        )}
      </section>
    </main>
  );
}

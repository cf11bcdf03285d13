import { ActionForm } from "@/components/account/action-form";
import { UserRowActions } from "@/components/account/user-row-actions";
import { UserMenu } from "@/components/auth/user-menu";
import { Field, inputClass } from "@/components/ui/field";
import { PageHeader } from "@/components/ui/page-header";
import { requirePage } from "@/lib/auth/current";
import { listUsers } from "@/lib/db/users";
import { addUser, removeUser, setRole } from "./actions";
import { visible } from "@/lib/text/visible";

export const dynamic = "force-dynamic";
export const metadata = { title: "Users" };

export default async function UsersPage() {
  const user = await requirePage("users:manage", "/users");
  const users = await listUsers();
  return (
    <main className="mx-auto max-w-7xl px-4 pb-10">
      <PageHeader title="Users">
        <UserMenu user={user} />
      </PageHeader>
      <p className="mt-2 text-sm text-(--color-muted)">admin: everything · operator: deploy, roll back, restart · viewer: read only.</p>
      <ul className="mt-4 grid gap-3">
        {users.map((u) => (
          <li
            key={u.id}
            data-testid="user-row"
            className="flex flex-wrap items-center justify-between gap-3 rounded-xl border border-(--color-line) bg-(--color-panel) p-3"
          >
            <span>
              <strong>{visible(u.name)}</strong>{" "}
              <span className="text-sm text-(--color-muted)">
                {u.role}
                {u.totpEnabled ? " · 2FA" : ""}
                {u.tailscaleLogin ? ` · ${visible(u.tailscaleLogin)}` : ""}
              </span>
            </span>
            <UserRowActions id={u.id} role={u.role} name={visible(u.name)} setRole={setRole} remove={removeUser} />
          </li>
        ))}
      </ul>
      <section className="mt-8 max-w-2xl border-t border-(--color-line) pt-6">
        <h2 className="mb-3 font-semibold">Add a user</h2>
        <ActionForm
          action={addUser}
          submit="Add user"
          fields={[
            { name: "name", label: "User name", autoComplete: "off" },
            { name: "password", label: "Password (12+ characters)", type: "password", autoComplete: "new-password" },
            { name: "tailscaleLogin", label: "Tailscale login (optional)", autoComplete: "off" },
          ]}
        >
          <Field name="role" label="Role">
            {(p) => (
              <select {...p} defaultValue="viewer" className={inputClass}>
                <option value="viewer">viewer</option>
                <option value="operator">operator</option>
                <option value="admin">admin</option>
              </select>
            )}
          </Field>
        </ActionForm>
      </section>
    </main>
  );
}

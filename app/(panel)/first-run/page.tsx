import Link from "next/link";
import { UserMenu } from "@/components/auth/user-menu";
import { ConnectionChecks } from "@/components/connection/connection-checks";
import { PanelKeyCard } from "@/components/connection/panel-key-card";
import { Section } from "@/components/deploy/section";
import { CodeBlock } from "@/components/ui/copy-button";
import { PageHeader } from "@/components/ui/page-header";
import { requirePage } from "@/lib/auth/current";
import { can } from "@/lib/auth/permissions";
import { listMachines } from "@/lib/db/machines";
import { authorizedKeysSnippet } from "@/lib/machine/check-fixes";
import { readPanelKey } from "@/lib/ssh/panel-key";
import { sshPool } from "@/lib/ssh/pool";
import { trustHostKeyAction } from "../inventory/host-key-actions";
import { runCheckAction } from "../machines/[name]/check-actions";
import { createPanelKeyAction } from "./actions";

export const dynamic = "force-dynamic";
export const metadata = { title: "Connect your machines" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const navLink = "inline-flex h-11 items-center rounded-lg border border-(--color-line) px-4 hover:border-(--color-accent)";

export default async function FirstRunPage({ searchParams }: Props) {
  const user = await requirePage("jobs:read", "/first-run");
  const { keyFile, keyConfigured } = sshPool().settings;
  const key = await readPanelKey({ path: keyFile, configured: keyConfigured });
  const machines = (await listMachines()).filter((m) => m.sshHost && m.sshUser);
  const wanted = (await searchParams).machine;
  const selected = machines.find((m) => m.name === wanted) ?? machines[0] ?? null;
  return (
    <main className="mx-auto max-w-3xl px-4 pb-10">
      <PageHeader title="Connect your machines">
        <Link prefetch={false} href="/" className={navLink}>
          Dashboard
        </Link>
        <UserMenu user={user} />
      </PageHeader>
      <p className="text-sm text-(--color-muted)">
        The panel reaches each machine over SSH with a key of its own. Three steps: the key, the lines that let it in, and a check of
        everything a deploy needs.
      </p>

      <Section id="key" title="1. The panel's SSH key">
        <PanelKeyCard panelKey={key} create={can(user, "sshkey:create") ? createPanelKeyAction : null} />
      </Section>

      <Section id="authorize" title="2. Let the panel in">
        {machines.length === 0 ? (
          <p className="text-sm" data-testid="no-machines">
            No machine with an SSH host and user yet.{" "}
            {can(user, "inventory:write") ? (
              <Link className="underline" href="/inventory/machines/new">
                Add a machine
              </Link>
            ) : (
              "An admin adds one in the inventory."
            )}
          </p>
        ) : (
          <div className="grid gap-3">
            <p className="text-sm">
              Add this line to {selected ? <strong>{selected.name}</strong> : "the machine"}&apos;s NixOS configuration and rebuild it (
              <code>nixos-rebuild switch</code>). It lets the panel log in as the machine&apos;s SSH user from the inventory.
            </p>
            {selected && (
              <CodeBlock text={authorizedKeysSnippet(selected.sshUser!, key.publicKey)} testId="authorize-snippet" label="Copy the line" />
            )}
          </div>
        )}
      </Section>

      {selected && (
        <Section id="check" title={`3. Check ${selected.name}`}>
          {machines.length > 1 && (
            <nav aria-label="Machines" className="mb-3 flex flex-wrap gap-2">
              {machines.map((m) => (
                <Link
                  key={m.name}
                  prefetch={false}
                  href={`/first-run?machine=${encodeURIComponent(m.name)}`}
                  aria-current={m.name === selected.name ? "page" : undefined}
                  className={`${navLink} h-9 text-sm aria-[current=page]:border-(--color-accent)`}
                >
                  {m.name}
                </Link>
              ))}
            </nav>
          )}
          <p className="mb-3 text-sm text-(--color-muted)">
            {selected.sshUser}@{selected.sshHost}
            {selected.sshPort === 22 ? "" : `:${selected.sshPort}`} · flake {selected.flakeDir}
            {selected.buildHost && selected.buildHost !== selected.name ? ` on ${selected.buildHost}` : ""} ·{" "}
            <Link className="underline" href={`/machines/${encodeURIComponent(selected.name)}`}>
              machine page
            </Link>
          </p>
          <ConnectionChecks
            key={selected.name}
            machine={selected.name}
            run={runCheckAction}
            trust={can(user, "hostkeys:trust") ? trustHostKeyAction.bind(null, selected.name) : null}
          />
        </Section>
      )}
    </main>
  );
}

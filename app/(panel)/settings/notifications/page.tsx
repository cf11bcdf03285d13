import { UserMenu } from "@/components/auth/user-menu";
import { ChannelButtons } from "@/components/notify/channel-buttons";
import { ChannelForm, type ChannelFormValues } from "@/components/notify/channel-form";
import { PageHeader } from "@/components/ui/page-header";
import { stackTable as t } from "@/components/ui/stack-table";
import { requirePage } from "@/lib/auth/current";
import { deliveryLog, listChannels } from "@/lib/notify/settings";
import { visible } from "@/lib/text/visible";
import { RULE_LABELS, type ChannelKind, type NotifyRule } from "@/lib/validation/notify";
import { deleteChannelAction, saveChannelAction, sendTestAction } from "./actions";

export const dynamic = "force-dynamic";
export const metadata = { title: "Notifications" };

const time = (iso: string) => iso.replace("T", " ").slice(0, 19);
const STATUS_CLASS: Record<string, string> = { sent: "text-(--color-up)", failed: "text-(--color-down)", pending: "text-(--color-slow)" };

export default async function NotificationsPage() {
  const user = await requirePage("notify:manage", "/settings/notifications");
  const [channels, log] = await Promise.all([listChannels(), deliveryLog()]);
  return (
    <main className="mx-auto max-w-7xl px-4 pb-10">
      <PageHeader title="Notifications">
        <UserMenu user={user} />
      </PageHeader>
      <p className="mt-2 text-sm text-(--color-muted)">
        Services down (after a grace period) and back up, machines unreachable, deploys and rollbacks finished, drift: sent to ntfy, a
        webhook or e-mail. Failed sends are retried with back-off.
      </p>
      <section className="mt-6" aria-labelledby="channels">
        <h2 id="channels" className="mb-3 font-semibold">
          Channels
        </h2>
        {channels.length === 0 && <p className="text-sm text-(--color-muted)">No channels yet: add one below.</p>}
        <ul className="grid gap-3">
          {channels.map((c) => {
            const initial: ChannelFormValues = { ...c, kind: c.kind as ChannelKind };
            return (
              <li
                key={c.id}
                data-testid="channel-row"
                className="grid gap-3 rounded-xl border border-(--color-line) bg-(--color-panel) p-3"
              >
                <div className="flex flex-wrap items-start justify-between gap-3">
                  <div className="min-w-0">
                    <strong className="[overflow-wrap:anywhere]">{visible(c.name)}</strong>{" "}
                    <span className="text-sm text-(--color-muted)">{c.kind}</span>{" "}
                    {c.failing ? (
                      <span
                        data-testid="channel-failing"
                        className="rounded bg-(--color-down)/15 px-2 text-sm font-medium text-(--color-down)"
                      >
                        failing ({c.consecutiveFailures} failed in a row)
                      </span>
                    ) : null}
                    <p className="text-sm [overflow-wrap:anywhere] text-(--color-muted)">{visible(c.target)}</p>
                    <p className="text-sm text-(--color-muted)">
                      {c.rules.length
                        ? c.rules.map((r) => RULE_LABELS[r as NotifyRule] ?? r).join(" · ")
                        : "sends nothing (no rules chosen)"}
                      {" · secret: "}
                      {c.secret === "file" ? `from ${visible(c.secretFile ?? "")}` : c.secret === "stored" ? "set" : "none"}
                    </p>
                  </div>
                  <ChannelButtons id={c.id} name={visible(c.name)} test={sendTestAction} remove={deleteChannelAction} />
                </div>
                <details>
                  <summary className="inline-flex min-h-11 cursor-pointer items-center text-sm">Change</summary>
                  <ChannelForm action={saveChannelAction} initial={initial} submit="Save changes" />
                </details>
              </li>
            );
          })}
        </ul>
      </section>
      <section className="mt-8 max-w-2xl border-t border-(--color-line) pt-6" aria-labelledby="add">
        <h2 id="add" className="mb-3 font-semibold">
          Add a channel
        </h2>
        <ChannelForm action={saveChannelAction} submit="Add channel" />
      </section>
      <section className="mt-8 border-t border-(--color-line) pt-6" aria-labelledby="log">
        <h2 id="log" className="mb-3 font-semibold">
          Delivery log
        </h2>
        {log.length === 0 ? (
          <p className="text-sm text-(--color-muted)">Nothing sent yet.</p>
        ) : (
          <table className={t.table} data-testid="delivery-log">
            <thead className={t.head}>
              <tr>
                <th className={t.th}>Event</th>
                <th className={t.th}>Time</th>
                <th className={t.th}>Channel</th>
                <th className={t.th}>Status</th>
                <th className={t.th}>Attempts</th>
                <th className={t.th}>Error</th>
              </tr>
            </thead>
            <tbody className={t.body}>
              {log.map((d) => (
                <tr key={d.id} className={t.row}>
                  <td className={t.title}>{visible(d.event)}</td>
                  <td className={`${t.cell} font-mono`} data-label="Time">
                    {time(d.at)}
                  </td>
                  <td className={t.cell} data-label="Channel">
                    {visible(d.channel)}
                  </td>
                  <td className={`${t.cell} ${STATUS_CLASS[d.status] ?? ""}`} data-label="Status">
                    {d.status}
                  </td>
                  <td className={t.cell} data-label="Attempts">
                    {d.attempts}
                  </td>
                  <td className={`${t.cell} [overflow-wrap:anywhere]`} data-label="Error">
                    {d.error ? visible(d.error) : ""}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </main>
  );
}

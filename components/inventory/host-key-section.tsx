// The machine's SSH host key: what is pinned, what the host last presented when refused, and
// (for admins) the button that pins the presented key.
import type { FormState } from "@/lib/validation/form-state";
import { TrustHostKey } from "./trust-host-key";

type Props = {
  machine: string;
  pinned: string | null;
  presented: string | null;
  canTrust: boolean;
  action: (prev: FormState, form: FormData) => Promise<FormState>;
};

const fp = "break-all font-mono text-sm";

export function HostKeySection({ machine, pinned, presented, canTrust, action }: Props) {
  const mismatch = pinned !== null && presented !== null && presented !== pinned;
  const unknown = pinned === null && presented !== null;
  return (
    <section className="mt-10 max-w-2xl border-t border-(--color-line) pt-6" data-testid="host-key">
      <h2 className="mb-2 font-semibold">Host key</h2>
      <dl className="grid gap-1 sm:grid-cols-[9rem_1fr]">
        <dt className="text-sm text-(--color-muted)">Pinned</dt>
        <dd className={fp} data-testid="host-key-pinned">{pinned ?? "not pinned yet"}</dd>
        {presented !== null && presented !== pinned && (
          <>
            <dt className="text-sm text-(--color-muted)">Presented</dt>
            <dd className={fp} data-testid="host-key-presented">{presented}</dd>
          </>
        )}
      </dl>
      {mismatch && (
        <div role="alert" data-testid="host-key-mismatch" className="mt-3 rounded-lg border-2 border-(--color-down) bg-(--color-down)/10 px-3 py-2 text-sm text-(--color-down)">
          <p className="font-semibold">HOST KEY MISMATCH: {machine} presented a different key than the pinned one.</p>
          <p className="mt-1">
            Expected <span className={fp}>{pinned}</span> but the host presented <span className={fp}>{presented}</span>. Someone may be
            intercepting the connection, or the host was reinstalled. The panel refuses to connect until an admin trusts the new key.
          </p>
        </div>
      )}
      {unknown && (
        <p className="mt-3 rounded-lg border border-(--color-line) px-3 py-2 text-sm" data-testid="host-key-unknown">
          No key is pinned for {machine}; the panel refused to connect. The host presented the key above.
        </p>
      )}
      {presented === null && pinned === null && (
        <p className="mt-3 text-sm text-(--color-muted)">The presented key appears here after the first job on this machine tries to connect.</p>
      )}
      {(mismatch || unknown) && (
        <div className="mt-3">
          {canTrust ? (
            <TrustHostKey action={action} fingerprint={presented!} replacing={mismatch} />
          ) : (
            <p className="text-sm">Only an admin can trust this key.</p>
          )}
        </div>
      )}
    </section>
  );
}

// The machine's SSH host key: what is pinned, what the host last presented when refused, and
// (for admins) the button that pins the presented key.
import type { FormState } from "@/lib/validation/form-state";
import { TrustHostKey } from "./trust-host-key";

/** What the known_hosts file says about this machine (lib/ssh/known-hosts-view.ts). */
export type FilePinView =
  { kind: "pinned"; fingerprints: string[]; source: string } | { kind: "conflict"; message: string } | { kind: "error"; message: string };

type Props = {
  machine: string;
  pinned: string | null;
  presented: string | null;
  /** From SSH_KNOWN_HOSTS_FILE; null when it has nothing to say. */
  file?: FilePinView | null;
  canTrust: boolean;
  action: (prev: FormState, form: FormData) => Promise<FormState>;
};

const fp = "break-all font-mono text-sm";

export function HostKeySection({ machine, pinned, presented, file = null, canTrust, action }: Props) {
  const fromFile = file?.kind === "pinned" ? file : null;
  const mismatch = pinned !== null && presented !== null && presented !== pinned;
  // A key the file lists is trusted already: no "presented" row, nothing to trust.
  const shown =
    presented !== null && presented !== pinned && !(pinned === null && fromFile?.fingerprints.includes(presented)) ? presented : null;
  const unknown = pinned === null && shown !== null;
  return (
    <section className="mt-10 max-w-2xl border-t border-(--color-line) pt-6" data-testid="host-key">
      <h2 className="mb-2 font-semibold">Host key</h2>
      <dl className="grid gap-1 sm:grid-cols-[9rem_1fr]">
        <dt className="text-sm text-(--color-muted)">Pinned</dt>
        <dd className={fp} data-testid="host-key-pinned">
          {pinned ?? (fromFile ? "not in the inventory" : "not pinned yet")}
        </dd>
        {fromFile && (
          <>
            <dt className="text-sm text-(--color-muted)">Known hosts file</dt>
            <dd data-testid="host-key-file">
              {fromFile.fingerprints.map((f) => (
                <span key={f} className={`block ${fp}`}>
                  {f}
                </span>
              ))}
              <span className="block text-sm text-(--color-muted)">Pinned by {fromFile.source}.</span>
            </dd>
          </>
        )}
        {shown !== null && (
          <>
            <dt className="text-sm text-(--color-muted)">Presented</dt>
            <dd className={fp} data-testid="host-key-presented">
              {shown}
            </dd>
          </>
        )}
      </dl>
      {file && file.kind !== "pinned" && (
        <div
          role="alert"
          data-testid="host-key-file-problem"
          className="mt-3 rounded-lg border-2 border-(--color-down) bg-(--color-down)/10 px-3 py-2 text-sm text-(--color-down)"
        >
          <p className="font-semibold">
            {file.kind === "conflict" ? "The known_hosts file disagrees with the pinned key" : "The known_hosts file cannot be read"}
          </p>
          <p className="mt-1 break-words">{file.message}</p>
        </div>
      )}
      {mismatch && (
        <div
          role="alert"
          data-testid="host-key-mismatch"
          className="mt-3 rounded-lg border-2 border-(--color-down) bg-(--color-down)/10 px-3 py-2 text-sm text-(--color-down)"
        >
          <p className="font-semibold">HOST KEY MISMATCH: {machine} presented a different key than the pinned one.</p>
          <p className="mt-1">
            Expected <span className={fp}>{pinned}</span> but the host presented <span className={fp}>{presented}</span>. Someone may be
            intercepting the connection, or the host was reinstalled. The panel refuses to connect until an admin trusts the new key.
          </p>
        </div>
      )}
      {unknown && (
        <p className="mt-3 rounded-lg border border-(--color-line) px-3 py-2 text-sm" data-testid="host-key-unknown">
          {fromFile
            ? `${machine} presented a key the known_hosts file does not list; the panel refused to connect.`
            : `No key is pinned for ${machine}; the panel refused to connect. The host presented the key above.`}
        </p>
      )}
      {presented === null && pinned === null && !fromFile && (
        <p className="mt-3 text-sm text-(--color-muted)">
          The presented key appears here after the first job on this machine tries to connect.
        </p>
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

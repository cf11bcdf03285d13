"use client";
// Step 1 of the first run: the panel's SSH key. Shows the public half with a copy button; with no
// key yet, an admin creates it here (others are told to ask one).
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { CodeBlock } from "@/components/ui/copy-button";
import type { KeyReply } from "@/lib/wire/check-reply";
import type { PanelKeyView } from "@/lib/wire/panel-key";

type Props = { panelKey: PanelKeyView; create: (() => Promise<KeyReply>) | null };

export function PanelKeyCard({ panelKey, create }: Props) {
  const router = useRouter();
  const [message, setMessage] = useState("");
  const [pending, startTransition] = useTransition();
  if (panelKey.publicKey)
    return (
      <div className="grid grid-cols-[minmax(0,1fr)] gap-2" data-testid="panel-key">
        <p className="text-sm text-(--color-muted)">
          {panelKey.configured ? "The key configured by SSH_KEY_FILE" : "The panel's own key"} (
          <code className="break-all">{panelKey.path}</code>, <span data-testid="panel-key-fingerprint">{panelKey.fingerprint}</span>). Its
          public half:
        </p>
        <CodeBlock text={panelKey.publicKey} testId="panel-public-key" label="Copy the public key" />
      </div>
    );
  const why =
    panelKey.problem === "missing"
      ? panelKey.configured
        ? `The key file ${panelKey.path} set by SSH_KEY_FILE does not exist. Create it there (ssh-keygen -t ed25519 -N '' -f ${panelKey.path}) or unset SSH_KEY_FILE.`
        : "The panel has no SSH key yet. It makes its own ed25519 key in its data folder; the private half never leaves this machine."
      : `The key file ${panelKey.path} cannot be used (unreadable, or not an unencrypted OpenSSH private key).`;
  return (
    <div className="grid grid-cols-[minmax(0,1fr)] gap-3" data-testid="panel-key-missing">
      <p className="text-sm">{why}</p>
      {message && (
        <p role="alert" className="text-sm text-(--color-down)">
          {message}
        </p>
      )}
      {panelKey.problem === "missing" && !panelKey.configured && (
        <div>
          {create ? (
            <Button
              type="button"
              variant="primary"
              disabled={pending}
              data-testid="create-panel-key"
              onClick={() =>
                startTransition(async () => {
                  const reply = await create();
                  setMessage(reply.created ? "" : reply.message);
                  router.refresh();
                })
              }
            >
              {pending ? "Creating the key…" : "Create the panel's key"}
            </Button>
          ) : (
            <p className="text-sm text-(--color-muted)">An admin creates it.</p>
          )}
        </div>
      )}
    </div>
  );
}

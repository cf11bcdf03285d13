"use client";
// A delete button that asks first, in a native <dialog>. Extra choices (what happens to a
// machine's services) are passed as children and submitted with the form.
import { useActionState, useRef, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { emptyFormState, type FormState } from "@/lib/validation/form-state";

type Props = {
  action: (prev: FormState, form: FormData) => Promise<FormState>;
  hidden: Record<string, string>;
  title: string;
  description: ReactNode;
  children?: ReactNode;
};

export function ConfirmDelete({ action, hidden, title, description, children }: Props) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [state, formAction, pending] = useActionState(action, emptyFormState);
  return (
    <>
      <Button type="button" variant="danger" onClick={() => dialog.current?.showModal()}>
        Delete…
      </Button>
      <dialog
        ref={dialog}
        aria-labelledby="confirm-title"
        className="m-auto w-[min(32rem,calc(100vw-2rem))] rounded-xl border border-(--color-line) bg-(--color-panel) p-0 text-(--color-ink) backdrop:bg-black/50"
      >
        <form action={formAction} className="grid gap-4 p-5">
          <h2 id="confirm-title" className="text-lg font-semibold">
            {title}
          </h2>
          <div className="text-sm text-(--color-muted)">{description}</div>
          {Object.entries(hidden).map(([k, v]) => (
            <input key={k} type="hidden" name={k} value={v} />
          ))}
          {children}
          <FormMessage message={state.message} />
          <div className="flex justify-end gap-3">
            <Button type="button" onClick={() => dialog.current?.close()} autoFocus>
              Cancel
            </Button>
            <Button type="submit" variant="danger" disabled={pending}>
              {pending ? "Deleting…" : "Delete"}
            </Button>
          </div>
        </form>
      </dialog>
    </>
  );
}

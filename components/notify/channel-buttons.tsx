"use client";
// "Send test" (its result shown inline) and "Delete" for one channel.
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { emptyFormState, type FormState } from "@/lib/validation/form-state";

type Action = (prev: FormState, form: FormData) => Promise<FormState>;

export function ChannelButtons({ id, name, test, remove }: { id: number; name: string; test: Action; remove: Action }) {
  const [testState, testAction, testing] = useActionState(test, emptyFormState);
  const [delState, delAction, deleting] = useActionState(remove, emptyFormState);
  const failed = !!testState.fields?._form;
  return (
    <div className="grid gap-2">
      <div className="flex flex-wrap gap-2">
        <form action={testAction}>
          <input type="hidden" name="id" value={id} />
          <Button type="submit" disabled={testing} aria-label={`Send test to ${name}`}>
            {testing ? "Sending…" : "Send test"}
          </Button>
        </form>
        <form
          action={delAction}
          onSubmit={(e) => {
            if (!confirm(`Delete the channel ${name}?`)) e.preventDefault();
          }}
        >
          <input type="hidden" name="id" value={id} />
          <Button type="submit" variant="danger" disabled={deleting}>
            Delete
          </Button>
        </form>
      </div>
      {testState.message && (
        <p
          role="status"
          data-testid="test-result"
          className={`text-sm [overflow-wrap:anywhere] ${failed ? "text-(--color-down)" : "text-(--color-up)"}`}
        >
          {testState.message}
        </p>
      )}
      {delState.message && (
        <p role="status" className="text-sm">
          {delState.message}
        </p>
      )}
    </div>
  );
}

"use client";
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { emptyFormState, type FormState } from "@/lib/validation/form-state";

type Action = (prev: FormState, form: FormData) => Promise<FormState>;

export function UserRowActions({
  id,
  role,
  name,
  setRole,
  remove,
}: {
  id: number;
  role: string;
  name: string;
  setRole: Action;
  remove: Action;
}) {
  const [roleState, roleAction, rolePending] = useActionState(setRole, emptyFormState);
  const [delState, delAction, delPending] = useActionState(remove, emptyFormState);
  return (
    <div className="flex flex-wrap items-center gap-2">
      <form action={roleAction} className="flex items-center gap-2">
        <input type="hidden" name="id" value={id} />
        <select
          name="role"
          defaultValue={role}
          aria-label={`Role of ${name}`}
          className="h-11 rounded-lg border border-(--color-line) bg-(--color-panel) px-2"
        >
          <option value="admin">admin</option>
          <option value="operator">operator</option>
          <option value="viewer">viewer</option>
        </select>
        <Button type="submit" disabled={rolePending}>
          Set role
        </Button>
      </form>
      <form
        action={delAction}
        onSubmit={(e) => {
          if (!confirm(`Delete user ${name}?`)) e.preventDefault();
        }}
      >
        <input type="hidden" name="id" value={id} />
        <Button type="submit" variant="danger" disabled={delPending}>
          Delete
        </Button>
      </form>
      {(roleState.message || delState.message) && (
        <span role="status" className="text-sm">
          {delState.message ?? roleState.message}
        </span>
      )}
    </div>
  );
}

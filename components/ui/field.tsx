// A labelled form field with its own error message, wired for screen readers.
import type { ReactNode } from "react";

export const inputClass =
  "h-11 w-full rounded-lg border border-(--color-line) bg-(--color-panel) px-3 text-base outline-none focus:border-(--color-accent) aria-invalid:border-(--color-down)";

export function Field({
  name,
  label,
  error,
  hint,
  children,
}: {
  name: string;
  label: string;
  error?: string;
  hint?: string;
  children: (props: { id: string; name: string; "aria-invalid": boolean; "aria-describedby"?: string }) => ReactNode;
}) {
  const id = `f-${name}`;
  const describedBy = [error ? `${id}-error` : "", hint ? `${id}-hint` : ""].filter(Boolean).join(" ") || undefined;
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-sm font-medium">
        {label}
      </label>
      {children({ id, name, "aria-invalid": !!error, "aria-describedby": describedBy })}
      {hint && !error && (
        <p id={`${id}-hint`} className="text-xs text-(--color-muted)">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} data-testid={`error-${name}`} className="text-sm text-(--color-down)">
          {error}
        </p>
      )}
    </div>
  );
}

export function TextField({
  name,
  label,
  error,
  hint,
  defaultValue,
  ...rest
}: {
  name: string;
  label: string;
  error?: string;
  hint?: string;
  defaultValue?: string;
} & Omit<React.InputHTMLAttributes<HTMLInputElement>, "name" | "defaultValue" | "id">) {
  return (
    <Field name={name} label={label} error={error} hint={hint}>
      {(p) => <input {...p} {...rest} defaultValue={defaultValue} className={inputClass} />}
    </Field>
  );
}

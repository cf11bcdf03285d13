export function FormMessage({ message }: { message?: string }) {
  if (!message) return null;
  return (
    <p
      role="alert"
      data-testid="form-message"
      className="rounded-lg border border-(--color-down)/40 bg-(--color-down)/10 px-3 py-2 text-sm text-(--color-down)"
    >
      {message}
    </p>
  );
}

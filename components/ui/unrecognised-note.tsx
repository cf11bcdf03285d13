// Says that part of a tool's output was not recognised, with the first such lines, so a list that
// looks short or empty is never silently so. Renders nothing when everything was read.
import { unrecognisedText, type Unrecognised } from "@/lib/parse/unrecognised";

export function UnrecognisedNote({
  unrecognised,
  source,
  testId,
}: {
  unrecognised: Unrecognised | null | undefined;
  source: string;
  testId?: string;
}) {
  const text = unrecognisedText(unrecognised, source);
  if (!text || !unrecognised) return null;
  const more = unrecognised.count - unrecognised.sample.length;
  return (
    <details
      data-testid={testId ?? "unrecognised"}
      data-count={unrecognised.count}
      className="mt-2 rounded-lg border border-(--color-slow)/40 bg-(--color-slow)/10 px-3 py-2 text-sm"
    >
      <summary className="cursor-pointer text-(--color-slow)">
        {text}: show the first {unrecognised.sample.length === 1 ? "line" : `${unrecognised.sample.length} lines`}
      </summary>
      <pre className="mt-2 overflow-x-auto whitespace-pre-wrap break-all font-mono text-xs text-(--color-muted)">
        {unrecognised.sample.join("\n")}
      </pre>
      {more > 0 && <p className="mt-1 text-xs text-(--color-muted)">…and {more.toLocaleString("en")} more.</p>}
    </details>
  );
}

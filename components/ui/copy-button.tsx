"use client";
// Copies a text (a public key, NixOS lines) and says so; works on plain http too.
import { useState } from "react";
import { Button } from "./button";
import { copyText } from "./copy";

export function CopyButton({ text, label = "Copy", testId }: { text: string; label?: string; testId?: string }) {
  const [done, setDone] = useState<boolean | null>(null);
  return (
    <Button type="button" data-testid={testId} onClick={async () => setDone(await copyText(text))} aria-live="polite" className="h-9 px-3">
      {done === null ? label : done ? "Copied" : "Select and copy by hand"}
    </Button>
  );
}

/** A block of code with its copy button. */
export function CodeBlock({ text, testId, label }: { text: string; testId?: string; label?: string }) {
  return (
    <div className="grid min-w-0 grid-cols-[minmax(0,1fr)] gap-2">
      <pre
        data-testid={testId}
        className="overflow-x-auto rounded-lg border border-(--color-line) bg-(--color-bg) p-3 font-mono text-xs leading-5 whitespace-pre-wrap break-all"
      >
        {text}
      </pre>
      <div>
        <CopyButton text={text} label={label} />
      </div>
    </div>
  );
}

/**
 * The phone's "details on tap" for a tile marked `data-fold`: a details/summary laid over the whole
 * tile. Opening it shows the tile's `data-fold-body` (globals.css), with no script: it works before
 * hydration and from the keyboard (Enter or Space on the summary). Hidden from `sm` up, where the
 * body is always shown.
 */
export function TileFold({ label }: { label: string }) {
  return (
    <details className="absolute inset-0 sm:hidden">
      <summary
        data-testid="tile-toggle"
        className="block h-full cursor-pointer list-none rounded-xl focus-visible:outline-offset-0 [&::-webkit-details-marker]:hidden"
      >
        <span className="sr-only">{label}</span>
      </summary>
    </details>
  );
}

// A table that becomes a list of cards on a phone (below `sm`), with CSS only: the head is hidden,
// each row is a block and each cell a line, labelled by its `data-label`. The row's title cell
// (`title`) has no label. From `sm` up it is the plain table.

const pad = "px-3 py-2 text-left align-top";

export const stackTable = {
  table: "w-full text-sm max-sm:block",
  head: "text-(--color-muted) max-sm:hidden",
  body: "max-sm:block",
  row: "border-t border-(--color-line) max-sm:block max-sm:py-2 max-sm:first:border-t-0",
  th: pad,
  /** A labelled cell: "System  x86_64-linux" on a phone; an empty one is left out there. */
  cell: `${pad} max-sm:block max-sm:py-0.5 max-sm:[overflow-wrap:anywhere] max-sm:empty:hidden max-sm:before:inline-block max-sm:before:w-20 max-sm:before:font-sans max-sm:before:text-(--color-muted) max-sm:before:content-[attr(data-label)]`,
  /** The row's name, first and unlabelled on a phone. */
  title: `${pad} [overflow-wrap:anywhere] max-sm:block max-sm:py-1`,
};

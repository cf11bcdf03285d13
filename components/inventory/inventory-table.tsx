// One inventory table (machines or services): a titled section whose rows start with the item's
// name (a link to its edit page for writers) followed by labelled cells; a phone stacks each row
// into a card (components/ui/stack-table). Server component: no JavaScript reaches the browser.
import Link from "next/link";
import { stackTable as t } from "@/components/ui/stack-table";
import { visible } from "@/lib/text/visible";

export type InventoryColumn<T> = { label: string; render: (row: T) => React.ReactNode; mono?: boolean; col?: string; extra?: string };

export function InventoryTable<T extends { id: number | string; name: string }>(props: {
  id: string;
  title: string;
  rows: T[];
  testId: string;
  empty: string;
  href: ((row: T) => string) | null;
  columns: InventoryColumn<T>[];
  className?: string;
}) {
  const { rows, columns, href } = props;
  return (
    <section className={props.className ?? "mt-6"} aria-labelledby={props.id}>
      <h2 id={props.id} className="mb-2 text-lg font-semibold">
        {`${props.title} (${rows.length})`}
      </h2>
      <div className="overflow-x-auto rounded-xl border border-(--color-line) bg-(--color-panel)">
        <table className={t.table}>
          <thead className={t.head}>
            <tr>
              <th className={t.th}>Name</th>
              {columns.map((c) => (
                <th key={c.label} className={t.th}>
                  {c.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className={t.body}>
            {rows.map((row) => (
              <tr key={row.id} className={t.row} data-testid={props.testId}>
                <td className={t.title} data-col="name">
                  {href ? (
                    <Link className="font-medium text-(--color-accent) underline-offset-2 hover:underline" href={href(row)}>
                      {visible(row.name)}
                    </Link>
                  ) : (
                    <span className="font-medium">{visible(row.name)}</span>
                  )}
                </td>
                {columns.map((c) => (
                  <td
                    key={c.label}
                    className={`${t.cell}${c.mono ? " font-mono" : ""}${c.extra ? ` ${c.extra}` : ""}`}
                    data-label={c.label}
                    data-col={c.col}
                  >
                    {c.render(row)}
                  </td>
                ))}
              </tr>
            ))}
            {rows.length === 0 && (
              <tr className={t.row}>
                <td className={t.title} colSpan={columns.length + 1}>
                  {props.empty}
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
    </section>
  );
}

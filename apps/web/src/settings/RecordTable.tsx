import type { ReactNode } from "react";
import { Alert } from "./Alert.tsx";

/** A section's records as a table with an actions column, or its load failure, or a line saying there are none. */
export function RecordTable<Item>({
  items,
  error,
  empty,
  columns,
  rowKey,
  cells,
  actions,
}: {
  items: Item[] | undefined;
  error?: string | null;
  empty: string;
  columns: string[];
  rowKey: (item: Item) => string;
  /** The row's cells before its actions. */
  cells: (item: Item) => ReactNode;
  actions: (item: Item) => ReactNode;
}) {
  return (
    <>
      <Alert message={error} />
      {items && items.length === 0 && <p className="settings-empty">{empty}</p>}
      {items && items.length > 0 && (
        <table className="settings-table">
          <thead>
            <tr>
              {columns.map((column) => (
                <th key={column} scope="col">
                  {column}
                </th>
              ))}
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {items.map((item) => (
              <tr key={rowKey(item)}>
                {cells(item)}
                <td className="row-actions">{actions(item)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

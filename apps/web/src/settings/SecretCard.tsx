import { useState } from "react";
import { CopyIcon } from "../ui/icons.tsx";

/** Values shown this once (a signing secret, a hook URL), each with a copy button. */
export function SecretCard({
  title,
  rows,
  onDone,
}: {
  title: string;
  rows: { label: string; value: string }[];
  onDone: () => void;
}) {
  const [copied, setCopied] = useState<string>();
  const copy = async (row: { label: string; value: string }) => {
    await navigator.clipboard.writeText(row.value);
    setCopied(row.label);
  };
  return (
    <div className="settings-card secret-card" role="status">
      <h2>{title}</h2>
      <p className="settings-hint">This is the only time the secret is shown.</p>
      {rows.map((row) => (
        <div key={row.label} className="secret-row">
          <span className="secret-label">{row.label}</span>
          <code className="secret">{row.value}</code>
          <button type="button" className="button" onClick={() => void copy(row)} aria-label={`Copy ${row.label}`}>
            <CopyIcon />
            {copied === row.label ? "Copied" : "Copy"}
          </button>
        </div>
      ))}
      <button type="button" className="button" onClick={onDone}>
        Done
      </button>
    </div>
  );
}

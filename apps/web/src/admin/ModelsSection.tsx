import type { AdminModel } from "@slipstream/protocol";
import { useCallback, useState } from "react";
import { useClient } from "../app/client.ts";
import { errorMessage } from "../settings/format.ts";
import { useLoad } from "../settings/use-load.ts";

type Audience = "everyone" | "admins" | "nobody";
const audienceOf = (model: AdminModel): Audience =>
  !model.enabled ? "nobody" : model.roles?.length === 1 && model.roles[0] === "admin" ? "admins" : "everyone";
const RULES: Record<Audience, { enabled: boolean; roles: AdminModel["roles"] }> = {
  everyone: { enabled: true, roles: null },
  admins: { enabled: true, roles: ["admin"] },
  nobody: { enabled: false, roles: null },
};

/** Which models are offered, and to whom. */
export function ModelsSection({ onChanged }: { onChanged: () => void }) {
  const client = useClient();
  const { data: models, error: loadError, reload } = useLoad(useCallback(() => client.admin.models(), [client]));
  const [error, setError] = useState<string>();
  const set = async (model: AdminModel, audience: Audience) => {
    try {
      await client.admin.updateModel(model.id, RULES[audience]);
      setError(undefined);
      await reload();
      onChanged();
    } catch (failure) {
      setError(errorMessage(failure));
    }
  };
  return (
    <div className="settings-card wide">
      <h2>Models</h2>
      <p className="settings-hint">A model offered to nobody is hidden from the picker and refused by the API.</p>
      {(error ?? loadError) && (
        <p className="settings-status error" role="alert">
          {error ?? loadError}
        </p>
      )}
      {models && (
        <table className="settings-table">
          <thead>
            <tr>
              <th scope="col">Model</th>
              <th scope="col">Provider</th>
              <th scope="col">Offered to</th>
            </tr>
          </thead>
          <tbody>
            {models.map((model) => (
              <tr key={model.id}>
                <td>
                  {model.name}
                  <span className="settings-sub mono">{model.id}</span>
                </td>
                <td>{model.provider}</td>
                <td>
                  <select
                    aria-label={`Who is offered ${model.id}`}
                    value={audienceOf(model)}
                    onChange={(event) => void set(model, event.target.value as Audience)}
                  >
                    <option value="everyone">everyone</option>
                    <option value="admins">admins only</option>
                    <option value="nobody">nobody</option>
                  </select>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

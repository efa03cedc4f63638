import type { AdminUser, User, UserLimitOverrides } from "@slipstream/protocol";
import { useCallback, useState } from "react";
import { useClient } from "../app/client.ts";
import { Field } from "../settings/Field.tsx";
import { errorMessage, formatCost, formatTokens } from "../settings/format.ts";
import { useLoad } from "../settings/use-load.ts";

type LimitField = keyof UserLimitOverrides;
const LIMIT_FIELDS: { field: LimitField; label: string }[] = [
  { field: "concurrentGenerations", label: "Concurrent" },
  { field: "requestsPerMinute", label: "Requests/min" },
  { field: "tokensPerDay", label: "Tokens/day" },
];

/** One account's limits, each an input: empty means the server's default (shown as the placeholder). */
function LimitsEditor({ user, onSave }: { user: AdminUser; onSave: (limits: UserLimitOverrides) => Promise<void> }) {
  const initial = (field: LimitField) => {
    const value = user.limitOverrides[field];
    return value === undefined || value === null ? "" : String(value);
  };
  const [values, setValues] = useState(() =>
    Object.fromEntries(LIMIT_FIELDS.map(({ field }) => [field, initial(field)])),
  );
  const save = () =>
    onSave(
      Object.fromEntries(
        LIMIT_FIELDS.map(({ field }) => [field, values[field] === "" ? null : Number(values[field])]),
      ) as UserLimitOverrides,
    );
  return (
    <div className="limits-editor">
      {LIMIT_FIELDS.map(({ field, label }) => (
        <Field key={field} compact label={`${label}`}>
          <input
            type="number"
            min={0}
            inputMode="numeric"
            aria-label={`${label} for ${user.email}`}
            placeholder={String(user.limits[field] ?? "∞")}
            value={values[field]}
            onChange={(event) => setValues({ ...values, [field]: event.target.value })}
          />
        </Field>
      ))}
      <button
        type="button"
        className="button small"
        onClick={() => void save()}
        aria-label={`Save limits for ${user.email}`}
      >
        Save
      </button>
    </div>
  );
}

/** Every account: role, disabled, limits, and usage of the last 30 days. */
export function UsersSection({ me }: { me: User }) {
  const client = useClient();
  const { data: users, error: loadError, reload } = useLoad(useCallback(() => client.admin.users(), [client]));
  const [error, setError] = useState<string>();
  const update = async (id: string, body: Parameters<typeof client.admin.updateUser>[1]) => {
    try {
      await client.admin.updateUser(id, body);
      setError(undefined);
      await reload();
    } catch (failure) {
      setError(errorMessage(failure));
    }
  };
  return (
    <div className="settings-card wide">
      <h2>Users</h2>
      {(error ?? loadError) && (
        <p className="settings-status error" role="alert">
          {error ?? loadError}
        </p>
      )}
      {users && (
        <table className="settings-table">
          <thead>
            <tr>
              <th scope="col">Account</th>
              <th scope="col">Role</th>
              <th scope="col">Active</th>
              <th scope="col" className="number">
                Tokens (30 d)
              </th>
              <th scope="col" className="number">
                Cost
              </th>
              <th scope="col">Limits (empty: default)</th>
            </tr>
          </thead>
          <tbody>
            {users.map((user) => {
              const self = user.id === me.id;
              return (
                <tr key={user.id}>
                  <td>
                    {user.name ?? user.email}
                    <span className="settings-sub">{user.email}</span>
                  </td>
                  <td>
                    <select
                      aria-label={`Role of ${user.email}`}
                      value={user.role}
                      disabled={self}
                      onChange={(event) => void update(user.id, { role: event.target.value as AdminUser["role"] })}
                    >
                      <option value="user">user</option>
                      <option value="admin">admin</option>
                    </select>
                  </td>
                  <td>
                    <input
                      type="checkbox"
                      aria-label={`${user.email} may sign in`}
                      checked={!user.disabled}
                      disabled={self}
                      onChange={(event) => void update(user.id, { disabled: !event.target.checked })}
                    />
                  </td>
                  <td className="number">{formatTokens(user.usage.inputTokens + user.usage.outputTokens)}</td>
                  <td className="number">{formatCost(user.usage.costUsd)}</td>
                  <td>
                    <LimitsEditor user={user} onSave={(limits) => update(user.id, { limits })} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </div>
  );
}

import type { Model, ProviderStatus } from "@slipstream/protocol";
import { useId } from "react";

/** "local: unreachable — could not connect to …", from the server's sentence. */
export function describeUnreachable({ id, message }: ProviderStatus): string {
  const reason = (message ?? "could not be reached").trim().replace(/\.$/, "");
  return `${id}: unreachable — ${reason.charAt(0).toLowerCase()}${reason.slice(1)}`;
}

/**
 * Chooses the model of the conversation; the server remembers it with the conversation. Image models, which answer
 * with a picture, come after the chat models in a group of their own and say so. A provider that could not be
 * reached is named, with why, so that its missing models do not pass for a quiet fallback.
 */
export function ModelPicker({
  models,
  providers,
  value,
  onChange,
}: {
  models: Model[];
  providers: ProviderStatus[];
  value: string | undefined;
  onChange: (modelId: string) => void;
}) {
  const id = useId();
  const statusId = useId();
  const known = models.some((model) => model.id === value);
  const unreachable = providers.filter((provider) => provider.status === "unreachable");
  const valueUnreachable = unreachable.some((provider) => value?.startsWith(`${provider.id}/`));
  const status = unreachable.map(describeUnreachable).join(" · ");
  const chatModels = models.filter((model) => model.kind !== "image");
  const imageModels = models.filter((model) => model.kind === "image");
  return (
    <span className="model-picker">
      <label className="visually-hidden" htmlFor={id}>
        Model
      </label>
      <select
        id={id}
        value={value ?? ""}
        aria-describedby={status ? statusId : undefined}
        onChange={(event) => onChange(event.target.value)}
      >
        {value && !known && <option value={value}>{valueUnreachable ? `${value} (unreachable)` : value}</option>}
        {chatModels.map((model) => (
          <option key={model.id} value={model.id}>
            {model.name}
          </option>
        ))}
        {imageModels.length > 0 && (
          <optgroup label="Image models">
            {imageModels.map((model) => (
              <option key={model.id} value={model.id}>
                {`${model.name} — image`}
              </option>
            ))}
          </optgroup>
        )}
        {unreachable.map((provider) => (
          <option key={provider.id} value={`unreachable:${provider.id}`} disabled>
            {describeUnreachable(provider)}
          </option>
        ))}
      </select>
      {status && (
        <span id={statusId} className="model-status" role="status" title={status}>
          {status}
        </span>
      )}
    </span>
  );
}

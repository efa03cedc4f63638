import type { Model } from "@slipstream/protocol";
import { useId } from "react";

/** Chooses the model of the conversation; the server remembers it with the conversation. */
export function ModelPicker({
  models,
  value,
  onChange,
}: {
  models: Model[];
  value: string | undefined;
  onChange: (modelId: string) => void;
}) {
  const id = useId();
  const known = models.some((model) => model.id === value);
  return (
    <span className="model-picker">
      <label className="visually-hidden" htmlFor={id}>
        Model
      </label>
      <select id={id} value={value ?? ""} onChange={(event) => onChange(event.target.value)}>
        {value && !known && <option value={value}>{value}</option>}
        {models.map((model) => (
          <option key={model.id} value={model.id}>
            {model.name}
          </option>
        ))}
      </select>
    </span>
  );
}

import type { Space } from "@slipstream/protocol";
import { type FormEvent, useState } from "react";
import { GearIcon, PlusIcon } from "../ui/icons.tsx";

/** The spaces the user is in: pick one to see its conversations (and start new ones in it), or make a new one. */
export function SpacesSection({
  spaces,
  selected,
  onSelect,
  onCreate,
  onOpenSettings,
}: {
  spaces: Space[];
  selected: Space | undefined;
  onSelect: (id: string | undefined) => void;
  onCreate: (name: string) => void;
  onOpenSettings: (space: Space) => void;
}) {
  const [creating, setCreating] = useState(false);
  const [name, setName] = useState("");

  const create = (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim()) return;
    onCreate(name.trim());
    setName("");
    setCreating(false);
  };

  return (
    <section className="spaces" aria-label="Spaces">
      <div className="spaces-heading">
        <h2>Spaces</h2>
        <button
          type="button"
          className="icon-button"
          aria-label="New space"
          title="New space"
          onClick={() => setCreating((open) => !open)}
        >
          <PlusIcon />
        </button>
      </div>
      {creating && (
        <form className="space-form" onSubmit={create}>
          <input
            aria-label="Name of the new space"
            placeholder="Space name"
            maxLength={100}
            value={name}
            onChange={(event) => setName(event.target.value)}
          />
          <button type="submit" className="button small">
            Create
          </button>
        </form>
      )}
      <ul className="space-list">
        <li>
          <button
            type="button"
            className="space-item"
            aria-pressed={selected === undefined}
            onClick={() => onSelect(undefined)}
          >
            All conversations
          </button>
        </li>
        {spaces.map((space) => (
          <li key={space.id} className="space-row">
            <button
              type="button"
              className="space-item"
              aria-pressed={selected?.id === space.id}
              onClick={() => onSelect(space.id)}
            >
              {space.name}
            </button>
            {selected?.id === space.id && (
              <button
                type="button"
                className="icon-button"
                aria-label={`Settings of ${space.name}`}
                title="Space settings"
                onClick={() => onOpenSettings(space)}
              >
                <GearIcon />
              </button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

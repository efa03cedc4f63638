import type { Member, Space } from "@slipstream/protocol";
import { type FormEvent, useCallback, useEffect, useRef, useState } from "react";
import { useClient } from "../app/client.ts";
import { MembersEditor } from "../chat/MembersEditor.tsx";
import { errorMessage } from "../settings/format.ts";

/** A space's name and people: its owner renames it, invites, changes and removes members, or deletes it. */
export function SpaceSettingsDialog({
  space,
  me,
  onChanged,
  onGone,
  onClose,
}: {
  space: Space;
  me: string;
  /** The space or its people changed: the sidebar reads the spaces (and their conversations) again. */
  onChanged: () => void;
  /** The space was deleted, or the user left it. */
  onGone: () => void;
  onClose: () => void;
}) {
  const client = useClient();
  const dialog = useRef<HTMLDialogElement>(null);
  const [members, setMembers] = useState<Member[]>([]);
  const [name, setName] = useState(space.name);
  const [error, setError] = useState<string>();
  const owner = space.role === "owner";

  const reload = useCallback(async () => setMembers(await client.spaces.members.list(space.id)), [client, space.id]);
  useEffect(() => {
    dialog.current?.showModal();
  }, []);
  useEffect(() => {
    reload().catch((failure: unknown) => setError(errorMessage(failure)));
  }, [reload]);

  /** Whether the change went through; when not, the dialog says why. */
  const attempt = async (work: () => Promise<unknown>, after: () => Promise<void> | void = reload) => {
    setError(undefined);
    try {
      await work();
      await after();
      onChanged();
      return true;
    } catch (failure) {
      setError(errorMessage(failure));
      return false;
    }
  };

  const rename = (event: FormEvent) => {
    event.preventDefault();
    void attempt(() => client.spaces.update(space.id, { name }));
  };

  return (
    <dialog ref={dialog} className="dialog share-dialog" aria-labelledby="space-settings-title" onClose={onClose}>
      <div className="dialog-form">
        <h2 id="space-settings-title">Space settings</h2>
        {owner ? (
          <form className="invite-form" onSubmit={rename}>
            <input
              required
              maxLength={100}
              aria-label="Space name"
              value={name}
              onChange={(event) => setName(event.target.value)}
            />
            <button type="submit" className="button">
              Rename
            </button>
          </form>
        ) : (
          <p>{space.name}</p>
        )}
        <MembersEditor
          members={members}
          canManage={owner}
          onInvite={(invite) => attempt(() => client.spaces.members.add(space.id, invite))}
          onChangeRole={(member, role) =>
            void attempt(() => client.spaces.members.update(space.id, member.userId, role))
          }
          onRemove={(member) => void attempt(() => client.spaces.members.remove(space.id, member.userId))}
        />
        <p className="settings-hint">Everyone in the space reaches its conversations with their role here.</p>
        {error && (
          <p className="settings-status error" role="alert">
            {error}
          </p>
        )}
        <div className="dialog-actions">
          {owner ? (
            <button
              type="button"
              className="button danger"
              onClick={() => void attempt(() => client.spaces.remove(space.id), onGone)}
            >
              Delete space
            </button>
          ) : (
            <button
              type="button"
              className="button"
              onClick={() => void attempt(() => client.spaces.members.remove(space.id, me), onGone)}
            >
              Leave space
            </button>
          )}
          <button type="button" className="button" onClick={onClose}>
            Done
          </button>
        </div>
      </div>
    </dialog>
  );
}

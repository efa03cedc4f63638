import type { Share } from "@slipstream/protocol";
import { useEffect, useRef, useState } from "react";
import { useClient } from "../app/client.ts";
import { errorMessage } from "../settings/format.ts";
import { MembersEditor } from "./MembersEditor.tsx";
import type { Sharing } from "./use-sharing.ts";

/** Who shares the conversation and how, its read-only links, and its export: opened from the chat header. */
export function ShareDialog({
  conversationId,
  sharing,
  onChanged,
  onClose,
}: {
  conversationId: string;
  sharing: Sharing;
  /** Members changed: the sidebar marks the conversation shared (or not). */
  onChanged: () => void;
  onClose: () => void;
}) {
  const client = useClient();
  const dialog = useRef<HTMLDialogElement>(null);
  const [links, setLinks] = useState<Share[]>([]);
  const [error, setError] = useState<string>();
  const owner = sharing.role === "owner";

  useEffect(() => {
    dialog.current?.showModal();
  }, []);
  useEffect(() => {
    if (!owner) return;
    client.shares.list(conversationId).then(setLinks, (failure: unknown) => setError(errorMessage(failure)));
  }, [client, conversationId, owner]);

  /** Whether the change went through; when not, the dialog says why. */
  const attempt = async (work: () => Promise<unknown>) => {
    setError(undefined);
    try {
      await work();
      await sharing.reload();
      onChanged();
      return true;
    } catch (failure) {
      setError(errorMessage(failure));
      return false;
    }
  };

  return (
    <dialog ref={dialog} className="dialog share-dialog" aria-labelledby="share-title" onClose={onClose}>
      <div className="dialog-form">
        <h2 id="share-title">Share this conversation</h2>
        <MembersEditor
          members={sharing.members}
          canManage={owner}
          onInvite={({ email, role }) => attempt(() => client.members.add(conversationId, { email, role }))}
          onChangeRole={(member, role) =>
            void attempt(() => client.members.update(conversationId, member.userId, role))
          }
          onRemove={(member) => void attempt(() => client.members.remove(conversationId, member.userId))}
        />
        {owner && (
          <section className="share-links" aria-label="Read-only links">
            <h3>Read-only link</h3>
            <p className="settings-hint">
              Anyone with the link sees the conversation as it is now, without signing in.
            </p>
            {links.map((link) => (
              <div key={link.id} className="share-link">
                <input readOnly aria-label="Share link" value={link.url} onFocus={(e) => e.currentTarget.select()} />
                <button
                  type="button"
                  className="button small"
                  onClick={() =>
                    void attempt(async () => {
                      await client.shares.revoke(link.id);
                      setLinks((current) => current.filter((entry) => entry.id !== link.id));
                    })
                  }
                >
                  Revoke
                </button>
              </div>
            ))}
            <button
              type="button"
              className="button"
              onClick={() =>
                void attempt(async () => {
                  const link = await client.shares.create(conversationId);
                  setLinks((current) => [link, ...current]);
                })
              }
            >
              Create link
            </button>
          </section>
        )}
        <p className="export-links">
          Export:{" "}
          <a href={`/api/conversations/${encodeURIComponent(conversationId)}/export?format=markdown`} download>
            Markdown
          </a>{" "}
          ·{" "}
          <a href={`/api/conversations/${encodeURIComponent(conversationId)}/export?format=json`} download>
            JSON
          </a>
          {!owner && (
            <>
              {" "}
              ·{" "}
              <button
                type="button"
                className="link-button"
                onClick={() =>
                  void attempt(async () => {
                    await client.members.remove(conversationId, sharing.me);
                  })
                }
              >
                Leave
              </button>
            </>
          )}
        </p>
        {error && (
          <p className="settings-status error" role="alert">
            {error}
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" className="button" onClick={onClose}>
            Done
          </button>
        </div>
      </div>
    </dialog>
  );
}

import type { Member, MemberRole } from "@slipstream/protocol";
import { type FormEvent, useState } from "react";

/**
 * The people of a conversation or a space: each with their role, which the owner changes or takes away, and (for
 * the owner) a form to invite someone by email.
 */
export function MembersEditor({
  members,
  canManage,
  onInvite,
  onChangeRole,
  onRemove,
}: {
  members: Member[];
  canManage: boolean;
  /** Resolves once invited; the form then empties. */
  onInvite: (invite: { email: string; role: MemberRole }) => Promise<boolean>;
  onChangeRole: (member: Member, role: MemberRole) => void;
  onRemove: (member: Member) => void;
}) {
  const [email, setEmail] = useState("");
  const [role, setRole] = useState<MemberRole>("editor");

  const invite = (event: FormEvent) => {
    event.preventDefault();
    void onInvite({ email, role }).then((invited) => invited && setEmail(""));
  };

  return (
    <>
      <ul className="member-list" aria-label="Members">
        {members.map((member) => (
          <li key={member.userId} className="member-row">
            <span className="avatar" aria-hidden="true">
              {(member.name || member.email).slice(0, 1).toUpperCase()}
            </span>
            <span className="member-name">
              {member.name || member.email}
              <small>{member.email}</small>
            </span>
            {canManage && member.role !== "owner" ? (
              <>
                <select
                  aria-label={`Role of ${member.name || member.email}`}
                  value={member.role}
                  onChange={(event) => onChangeRole(member, event.target.value as MemberRole)}
                >
                  <option value="editor">Editor</option>
                  <option value="viewer">Viewer</option>
                </select>
                <button type="button" className="button small" onClick={() => onRemove(member)}>
                  Remove
                </button>
              </>
            ) : (
              <span className="member-role">{member.role}</span>
            )}
          </li>
        ))}
      </ul>
      {canManage && (
        <form className="invite-form" onSubmit={invite}>
          <input
            type="email"
            required
            aria-label="Email of the person to invite"
            placeholder="Email of someone with an account"
            value={email}
            onChange={(event) => setEmail(event.target.value)}
          />
          <select aria-label="Role" value={role} onChange={(event) => setRole(event.target.value as MemberRole)}>
            <option value="editor">Can send</option>
            <option value="viewer">Can read</option>
          </select>
          <button type="submit" className="button primary">
            Invite
          </button>
        </form>
      )}
    </>
  );
}

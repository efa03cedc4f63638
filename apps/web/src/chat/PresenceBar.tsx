import type { PresenceUser } from "@slipstream/protocol";

const LABELS: Record<PresenceUser["state"], string> = { viewing: "here", typing: "typing…", away: "away" };

/** The other people in the conversation now, and what they are doing. */
export function PresenceBar({ users }: { users: PresenceUser[] }) {
  if (users.length === 0) return null;
  const typing = users.filter((user) => user.state === "typing");
  return (
    <div className="presence-bar" role="status" aria-label="Who is here">
      {users.map((user) => (
        <span
          key={user.id}
          role="img"
          className={`presence-avatar ${user.state}`}
          title={`${user.name}: ${LABELS[user.state]}`}
          aria-label={`${user.name} is ${LABELS[user.state]}`}
        >
          {user.name.slice(0, 1).toUpperCase()}
        </span>
      ))}
      {typing.length > 0 && (
        <span className="presence-typing">
          {typing.map((user) => user.name).join(", ")} {typing.length === 1 ? "is" : "are"} typing…
        </span>
      )}
    </div>
  );
}

export type FeedbackMessage = { kind: "ok" | "error"; text: string };

/** The outcome of a form: a success read out politely, a failure as an alert; nothing before the first. */
export function Feedback({ message }: { message?: FeedbackMessage }) {
  if (!message) return null;
  return (
    <p
      className={message.kind === "ok" ? "settings-status" : "settings-status error"}
      role={message.kind === "ok" ? "status" : "alert"}
    >
      {message.text}
    </p>
  );
}

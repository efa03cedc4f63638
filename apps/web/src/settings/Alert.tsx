/** A failure of a settings section, read out to screen readers; nothing without a message. */
export function Alert({ message }: { message?: string | null }) {
  if (!message) return null;
  return (
    <p className="settings-status error" role="alert">
      {message}
    </p>
  );
}

export { createEnvelopeSecretBox } from "./envelope.ts";
export { resolveMasterKey } from "./master-key.ts";

/**
 * Seals user secrets (provider keys, connection keys) at rest. Each secret is bound to a context (its owner and
 * id): opened under another context, say a row copied to another user or key id, it does not decrypt.
 */
export interface SecretBox {
  seal(input: { plaintext: string; context: string }): string;
  /** Throws when the secret was sealed under another context, was tampered with, or its master key is unknown. */
  open(input: { sealed: string; context: string }): string;
  /** Whether the current master key wrapped this secret (false: `rewrap` it). */
  isCurrent(sealed: string): boolean;
  /** The same secret with its data key wrapped by the current master key; the ciphertext itself is unchanged. */
  rewrap(input: { sealed: string; context: string }): string;
}

const KEY = "slipstream.newChatModel";

/**
 * The model a new chat starts with: the one last chosen on this device if the server still offers it, or if
 * its provider is only unreachable for now (the picker says so, rather than switching models behind the
 * user's back); otherwise the first one offered.
 */
export function preferredModel({
  available,
  unreachableProviders = [],
}: {
  available: string[];
  unreachableProviders?: string[];
}): string | undefined {
  const saved = localStorage.getItem(KEY);
  if (saved && (available.includes(saved) || unreachableProviders.some((id) => saved.startsWith(`${id}/`)))) {
    return saved;
  }
  return available[0];
}

export function rememberPreferredModel(modelId: string) {
  localStorage.setItem(KEY, modelId);
}

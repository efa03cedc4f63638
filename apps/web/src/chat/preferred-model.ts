const KEY = "slipstream.newChatModel";

/** The model a new chat starts with: the one last chosen on this device, if the server still offers it. */
export function preferredModel(available: string[]): string | undefined {
  const saved = localStorage.getItem(KEY);
  return saved && available.includes(saved) ? saved : available[0];
}

export function rememberPreferredModel(modelId: string) {
  localStorage.setItem(KEY, modelId);
}

import type { ProviderStatus } from "@slipstream/protocol";
import type { LanguageModel } from "ai";

/** `vision`: whether the model takes images (from the catalogue; models it does not know are taken to). */
export type ModelInfo = { id: string; provider: string; name: string; vision: boolean };

/** Who asks for models: a user's own keys, and the models offered to their role, change what they get. */
export type ModelViewer = { userId: string; role: "admin" | "user" };

/**
 * The catalogue of chat models this server can use, over the AI SDK.
 * Ids are `provider/model` (for example `openai/gpt-4.1-mini`, `local/llama3.2`, `demo/echo`).
 */
export interface ModelRegistry {
  /** Every configured model, the demo model last. Discovery failures of one provider never fail the list. */
  listModels(viewer?: ModelViewer): Promise<ModelInfo[]>;
  /** Throws DomainError `model_not_found` for an id that is not configured (or not offered to the viewer). */
  getModel(id: string, viewer?: ModelViewer): Promise<LanguageModel>;
  /** Each configured provider (the demo aside) and whether its models could be listed. */
  listProviders(): Promise<ProviderStatus[]>;
  /** DEFAULT_MODEL, else the first configured provider's first model, else `demo/echo`. */
  defaultModelId(viewer?: ModelViewer): Promise<string>;
}

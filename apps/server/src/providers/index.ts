import type { ModelKind, ProviderStatus } from "@slipstream/protocol";
import type { ImageModel, LanguageModel } from "ai";

/**
 * `kind`: what the model makes (text, or images); `vision`: whether it takes images (from the catalogue; models it
 * does not know are taken to).
 */
export type ModelInfo = { id: string; provider: string; name: string; kind: ModelKind; vision: boolean };

/** A model an id names, built, with what it makes. */
export type ResolvedModel = { kind: "chat"; model: LanguageModel } | { kind: "image"; model: ImageModel };

/** Who asks for models: a user's own keys, and the models offered to their role, change what they get. */
export type ModelViewer = { userId: string; role: "admin" | "user" };

/**
 * The catalogue of chat and image models this server can use, over the AI SDK.
 * Ids are `provider/model` (for example `openai/gpt-4.1-mini`, `openai/gpt-image-1`, `local/llama3.2`, `demo/echo`).
 */
export interface ModelRegistry {
  /**
   * Every configured model, each provider's chat models before its image models, the demo models last. Discovery
   * failures of one provider never fail the list.
   */
  listModels(viewer?: ModelViewer): Promise<ModelInfo[]>;
  /** Throws DomainError `model_not_found` for an id that is not configured (or not offered to the viewer). */
  resolveModel(id: string, viewer?: ModelViewer): Promise<ResolvedModel>;
  /** The chat model `id` names; as `resolveModel`, and `bad_request` for an image model. */
  getModel(id: string, viewer?: ModelViewer): Promise<LanguageModel>;
  /** Each configured provider (the demo aside) and whether its models could be listed. */
  listProviders(): Promise<ProviderStatus[]>;
  /** DEFAULT_MODEL, else the first configured provider's first model, else `demo/echo`. */
  defaultModelId(viewer?: ModelViewer): Promise<string>;
}

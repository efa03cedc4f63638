import type { ModelsResponse } from "@slipstream/protocol";

/** The models on offer, and whether each configured provider could be reached to list its own. */
export type ModelCatalog = ModelsResponse;

export const EMPTY_CATALOG: ModelCatalog = { models: [], providers: [] };

import type { SlipstreamClient } from "@slipstream/client";
import type { Model, ProviderStatus } from "@slipstream/protocol";

/** The models on offer, and whether each configured provider could be reached to list its own. */
export type ModelCatalog = { models: Model[]; providers: ProviderStatus[] };

export const EMPTY_CATALOG: ModelCatalog = { models: [], providers: [] };

/** Reads `GET /api/models` whole: the SDK's `models.list()` keeps only the models, not the providers' state. */
export async function loadModelCatalog({ client }: { client: SlipstreamClient }): Promise<ModelCatalog> {
  const body = await client.transport.json<Partial<ModelCatalog>>("GET", "/api/models");
  return { models: body.models ?? [], providers: body.providers ?? [] };
}

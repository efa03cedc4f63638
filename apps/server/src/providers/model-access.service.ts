import type { AdminModel, AdminUpdateModelBody } from "@slipstream/protocol";
import type { AccessPolicy } from "../access/access.ts";
import type { Principal } from "../identity/principal.ts";
import type { Store } from "../store/index.ts";
import type { UserModelRegistry } from "./user-models.ts";

/** Which models are offered, and to which roles: administrators decide, the registry enforces. */
export function createModelAccessService({
  store,
  models,
  access,
}: {
  store: Pick<Store, "modelAccess">;
  models: Pick<UserModelRegistry, "listAllModels">;
  access: AccessPolicy;
}) {
  return {
    /** Every model the server has (its own providers and the connections), with who is offered it. */
    async listModels({ principal }: { principal: Principal }): Promise<AdminModel[]> {
      access.requireAdmin({ principal, action: "admin.models" });
      const [all, rules] = await Promise.all([models.listAllModels(), store.modelAccess.listModelAccess()]);
      const byId = new Map(rules.map((rule) => [rule.modelId, rule]));
      return all.map(({ id, provider, name, kind }) => ({
        id,
        provider,
        name,
        kind,
        enabled: byId.get(id)?.enabled ?? true,
        roles: byId.get(id)?.roles ?? null,
      }));
    },

    /** Sets a model's rule; an id the server does not list now (a server that is down) may be set ahead. */
    async setModelAccess({
      principal,
      id,
      enabled,
      roles,
    }: AdminUpdateModelBody & { principal: Principal; id: string }) {
      access.requireAdmin({ principal, action: "admin.models" });
      const rule = await store.modelAccess.setModelAccess({
        modelId: id,
        enabled,
        roles: roles ?? null,
        updatedAt: new Date().toISOString(),
      });
      const known = (await models.listAllModels()).find((model) => model.id === id);
      return {
        id,
        provider: known?.provider ?? id.split("/")[0] ?? id,
        name: known?.name ?? id,
        kind: known?.kind ?? "chat",
        enabled: rule.enabled,
        roles: rule.roles,
      };
    },
  };
}
export type ModelAccessService = ReturnType<typeof createModelAccessService>;

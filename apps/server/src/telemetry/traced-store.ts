import { SpanKind, SpanStatusCode, type Tracer } from "@opentelemetry/api";
import type { Store, StoreTransaction } from "../store/index.ts";

type AnyFunction = (...args: unknown[]) => unknown;

/** Runs `work` in a client span named `name`, marking it failed when `work` throws. */
export async function inSpan<T>(
  tracer: Tracer,
  name: string,
  attributes: Record<string, string>,
  work: () => Promise<T>,
): Promise<T> {
  return tracer.startActiveSpan(name, { kind: SpanKind.CLIENT, attributes }, async (span) => {
    try {
      return await work();
    } catch (error) {
      span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.name : "error" });
      throw error;
    } finally {
      span.end();
    }
  });
}

/**
 * A Store whose repository calls and transactions are spans (`store users.findUserById`). Repositories are found
 * by shape (objects of functions), so ones added later are traced too; `handle` is left as it is.
 */
export function traceStore({ store, tracer }: { store: Store; tracer: Tracer }): Store {
  const system = store.kind === "postgres" ? "postgresql" : "sqlite";
  const wrapRepositories = <T extends object>(target: T): T => {
    const wrapped = new Map<string | symbol, unknown>();
    return new Proxy(target, {
      get(object, property, receiver) {
        const value = Reflect.get(object, property, receiver);
        if (typeof property !== "string" || property === "handle" || typeof value !== "object" || value === null) {
          return value;
        }
        let repository = wrapped.get(property);
        if (!repository) {
          repository = wrapRepository(property, value as Record<string, unknown>);
          wrapped.set(property, repository);
        }
        return repository;
      },
    });
  };
  const wrapRepository = (name: string, repository: Record<string, unknown>) =>
    Object.fromEntries(
      Object.entries(repository).map(([method, fn]) => [
        method,
        typeof fn === "function"
          ? (...args: unknown[]) =>
              inSpan(tracer, `store ${name}.${method}`, { "db.system.name": system, "db.operation.name": method }, () =>
                Promise.resolve((fn as AnyFunction).apply(repository, args)),
              )
          : fn,
      ]),
    );

  const traced = wrapRepositories(store);
  return new Proxy(traced, {
    get(object, property, receiver) {
      if (property !== "transaction") return Reflect.get(object, property, receiver);
      return <T>(work: (tx: StoreTransaction) => Promise<T>) =>
        inSpan(tracer, "store transaction", { "db.system.name": system }, () =>
          store.transaction((tx) => work(wrapRepositories(tx))),
        );
    },
  });
}

import { buildWebIfStale } from "../scripts/build-if-stale.ts";

/** Vitest global setup of the e2e project: the tests drive the built app, so build it first when needed. */
export default async function setup() {
  await buildWebIfStale();
}

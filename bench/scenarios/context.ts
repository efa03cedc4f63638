import type { Rig } from "../rig.ts";
import type { Sizes } from "../sizes.ts";

/** What a scenario that starts its own subjects gets; those that drive the rig get the rig too. */
export type StandaloneContext = { sizes: Sizes; log: (message: string) => void };
export type ScenarioContext = StandaloneContext & { rig: Rig };

import type { Rig } from "../rig.ts";
import type { Sizes } from "../sizes.ts";

export type ScenarioContext = { rig: Rig; sizes: Sizes; log: (message: string) => void };

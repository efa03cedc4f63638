import type { describeMachine } from "./machine.ts";
import type { BystanderResult } from "./scenarios/bystander.ts";
import type { CapacityResult } from "./scenarios/capacity.ts";
import type { FanoutResult } from "./scenarios/fanout.ts";
import type { IdleResult } from "./scenarios/idle-connections.ts";
import type { ProfileResult } from "./scenarios/profile.ts";
import type { ReplyCostResult } from "./scenarios/reply-cost.ts";
import type { ResumeResult } from "./scenarios/resume.ts";
import type { StorageResult } from "./scenarios/storage.ts";
import type { ThroughputResult } from "./scenarios/throughput.ts";
import type { TtftResult } from "./scenarios/ttft.ts";
import type { WebResult } from "./scenarios/web.ts";
import type { WireBytesResult } from "./scenarios/wire-bytes.ts";
import type { Sizes } from "./sizes.ts";

/** Every scenario's results, each absent when it was not run, or an error when it failed. */
export type ScenarioResults = {
  ttft?: TtftResult[];
  throughput?: ThroughputResult[];
  fanout?: FanoutResult[];
  resume?: ResumeResult[];
  idle?: IdleResult[];
  storage?: StorageResult[];
  capacity?: CapacityResult[];
  wire?: WireBytesResult[];
  bystander?: BystanderResult[];
  profile?: ProfileResult;
  replyCost?: ReplyCostResult[];
  web?: WebResult;
};

export type BenchResults = {
  date: string;
  mode: "full" | "quick";
  sizes: Sizes;
  command: string;
  machine: ReturnType<typeof describeMachine>;
  loadAverage: { start: number[]; end: number[] };
  durationSeconds: number;
  skipped: string[];
  errors: Record<string, string>;
  scenarios: ScenarioResults;
};

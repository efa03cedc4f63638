import { createMemoryWindowCounter } from "./memory.ts";
import { runWindowCounterContract } from "./window-counter.contract.ts";

runWindowCounterContract({ name: "memory", create: async () => createMemoryWindowCounter() });

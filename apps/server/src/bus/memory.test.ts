import { runBusContract } from "./bus.contract.ts";
import { createMemoryBus } from "./memory.ts";

runBusContract({ name: "memory", create: async () => createMemoryBus() });

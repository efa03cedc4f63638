import { runEventStreamContract } from "./event-stream.contract.ts";
import { createMemoryEventStream } from "./event-stream.memory.ts";

runEventStreamContract({ name: "memory", create: async (onError) => createMemoryEventStream({ onError }) });

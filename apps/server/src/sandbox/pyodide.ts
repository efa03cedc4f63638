import type { SandboxConfig } from "../config.ts";
import type { SandboxRuntime } from "./types.ts";

export function createPyodideRuntime(_config: SandboxConfig): SandboxRuntime {
  throw new Error("Python is not built yet");
}

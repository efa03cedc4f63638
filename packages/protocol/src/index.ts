export * from "./auth.ts";
export * from "./common.ts";
export * from "./conversations.ts";
export * from "./health.ts";
export * from "./messages.ts";
export * from "./realtime.ts";
export * from "./stream-parts.ts";
export * from "./streams.ts";

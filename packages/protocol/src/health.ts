import { z } from "zod";

/** `GET /healthz` (the process answers) and `GET /readyz` (its store, and Redis when set, answer). */
export const healthResponseSchema = z.object({ status: z.literal("ok") });
export type HealthResponse = z.infer<typeof healthResponseSchema>;

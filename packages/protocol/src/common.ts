import { z } from "zod";

export const idSchema = z.string().min(1).max(100);

export const errorBodySchema = z.object({
  error: z.object({ code: z.string(), message: z.string() }),
});
export type ErrorBody = z.infer<typeof errorBodySchema>;

export const timestampSchema = z.string();

import { z } from "zod";
import type { LlmErrorCode } from "./errors.js";
import type { FinishReason } from "./providers/finish-reason.js";
import { parseProvider } from "./providers/names.js";

const id = z.string().min(1, "may not be empty");

/** The request of seed 004 §1.3. Ids are any non-empty string; optional fields may also be null. */
export const OrchestrateRequest = z.object({
  provider: z
    .string()
    .refine((p) => parseProvider(p) !== undefined, { message: "must be openai, anthropic (or claude) or local" })
    .nullish(),
  model: z.string().min(1).nullish(),
  prompt: z.string().min(1, "may not be empty"),
  system_prompt: z.string().nullish(),
  history: z.array(z.object({ role: z.enum(["user", "assistant"]), content: z.string() })).nullish(),
  /** Other provider-specific parameters are accepted and ignored. */
  parameters: z
    .looseObject({
      max_tokens: z.int().positive().nullish(),
      temperature: z.number().min(0).max(2).nullish(),
      top_p: z.number().min(0).max(1).nullish(),
      stop_sequences: z.array(z.string().min(1)).nullish(),
    })
    .nullish(),
  user_id: id,
  workspace_id: id,
  request_id: id,
});
export type OrchestrateRequest = z.infer<typeof OrchestrateRequest>;

export interface OrchestrateSuccess {
  status: "success";
  request_id: string;
  provider_response: {
    id: string;
    choices: [{ message: { role: "assistant"; content: string }; finish_reason: FinishReason }];
    usage: { prompt_tokens: number; completion_tokens: number; total_tokens: number };
  };
}

export interface OrchestrateFailure {
  status: "error";
  /** Mirrors the request; null only when the request carried no usable `request_id`. */
  request_id: string | null;
  error: { code: LlmErrorCode; message: string; provider_error?: unknown };
}

export type OrchestrateResponse = OrchestrateSuccess | OrchestrateFailure;

import { z } from "zod";
import { AGENT_NAMES } from "../agents/index.js";

/**
 * The shape of a suite file as FORMAT.md writes it. Objects are strict, so a misspelt key
 * (`expect_sate`) is an error rather than a check that silently never runs. What the shape
 * cannot say (entity and field names, operators, row values) the loader checks next.
 */
const text = z.union([z.string(), z.number()]).transform(String);
const textList = z.union([text, z.array(text)]).transform((v) => (Array.isArray(v) ? v : [v]));
const mapping = z.record(z.string(), z.unknown());

export const TurnExpectSchema = z.strictObject({
  agent: z.enum(AGENT_NAMES).optional(),
  approval: z.boolean().optional(),
  reply_contains: textList.optional(),
  reply_not_contains: textList.optional(),
  reply_matches: textList.optional(),
  asks: z.boolean().optional(),
});

export const TurnSchema = z
  .strictObject({
    say: z.string().optional(),
    approve: z.boolean().optional(),
    expect: TurnExpectSchema.optional(),
  })
  .refine((t) => (t.say === undefined) !== (t.approve === undefined), {
    message: "a turn is either `say: TEXT` or `approve: true/false`",
  });

export const StateCheckSchema = z.strictObject({
  entity: z.string(),
  where: mapping.optional(),
  count: z.union([z.number().int().min(0), mapping]).optional(),
  fields: mapping.optional(),
});

export const CaseSchema = z.strictObject({
  id: text.pipe(z.string().min(1)),
  description: z.string().optional(),
  tags: z.array(text).default([]),
  now: z.union([z.string(), z.date()]).optional(),
  actor: z.string().min(1).optional(),
  given: z.record(z.string(), z.array(z.unknown())).default({}),
  turns: z.array(TurnSchema).min(1),
  expect_state: z.array(StateCheckSchema).default([]),
  unchanged: z.array(z.string()).default([]),
});

export const SuiteSchema = z.strictObject({
  suite: text.pipe(z.string().min(1)),
  cases: z.array(CaseSchema).min(1),
});

export type TurnExpect = z.infer<typeof TurnExpectSchema>;
export type RawCase = z.infer<typeof CaseSchema>;

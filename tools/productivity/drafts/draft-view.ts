import { z } from "zod";
import type { Entities } from "../../../entities/index.js";
import type { ToolContext } from "../../define.js";
import { ToolError } from "../../errors.js";
import { hint } from "../hint.js";
import { blockQuote, charCount, formatTime, plural, quoted } from "../text.js";
import { DRAFT_KINDS, TWEET_LIMIT, type DraftKind } from "./templates.js";

export type Draft = Entities["Draft"];
export type FormData = Draft["form_data"];

export const DraftKindSchema = z.enum(DRAFT_KINDS);

export const DraftView = z.object({
  id: z.string(),
  tool_type: DraftKindSchema,
  title: z.string().nullable(),
  status: z.enum(["draft", "final"]),
  content: z.string(),
  subject: z.string().nullable(),
  to: z.string().nullable(),
  form_data: z.record(z.string(), z.unknown()),
  characters: z.number().int(),
  /** How many versions of the draft are saved in its revisions. */
  versions: z.number().int(),
  updated_at: z.string(),
});
export type DraftView = z.infer<typeof DraftView>;

const text = (v: unknown): string | null => (typeof v === "string" && v.length > 0 ? v : null);

export function viewDraft(d: Draft): DraftView {
  const content = text(d.form_data.content) ?? "";
  return {
    id: d.id,
    tool_type: d.tool_type,
    title: d.title,
    status: d.status,
    content,
    subject: text(d.form_data.subject),
    to: text(d.form_data.to),
    form_data: d.form_data,
    characters: charCount(content),
    versions: d.revisions.length,
    updated_at: d.updated_at,
  };
}

/** The fields that pick a draft: its id, or its kind (the latest draft of that kind). */
export const draftPicker = {
  draft_id: z
    .string()
    .trim()
    .min(1)
    .optional()
    .meta(hint({ description: "the draft's id (drf_…); default: the latest draft in progress", extract: "id", prefix: "drf", cues: ["draft", "draft id"] })),
  tool_type: DraftKindSchema.optional().meta(
    hint({
      description: "the latest draft of this kind: email, tweet or post",
      extract: "enum",
      cues: ["my", "last", "latest"],
      aliases: { "e-mail": "email", mail: "email", "x post": "tweet", "blog post": "post", "linkedin post": "post" },
    }),
  ),
};

/**
 * One of the actor's drafts: the one with `draft_id`, or the most recently updated draft still
 * in progress (of `tool_type` when given) — "resume my last draft".
 */
export async function resolveDraft(ctx: ToolContext, pick: { draft_id?: string; tool_type?: DraftKind }): Promise<Draft> {
  if (pick.draft_id) {
    const draft = await ctx.store.findOne("Draft", { id: pick.draft_id, owner_id: ctx.actor.id });
    if (!draft) throw new ToolError("NOT_FOUND", `No draft ${pick.draft_id} among your drafts`, { field: "draft_id" });
    return draft;
  }
  const latest = await ctx.store.findOne(
    "Draft",
    { owner_id: ctx.actor.id, status: "draft", ...(pick.tool_type ? { tool_type: pick.tool_type } : {}) },
    { orderBy: "updated_at", direction: "desc" },
  );
  if (!latest) {
    const kind = pick.tool_type ? `${pick.tool_type} ` : "";
    throw new ToolError("NOT_FOUND", `You have no ${kind}draft in progress; start one with "Draft a ${pick.tool_type ?? "tweet"} about …"`, {
      field: pick.tool_type ? "tool_type" : "draft_id",
    });
  }
  return latest;
}

/** `a tweet`, `an email`, `a post`. */
export function aKind(kind: DraftKind): string {
  return kind === "email" ? "an email" : `a ${kind}`;
}

/** The draft as a person reads it: its fields, then its text quoted as data. */
export function draftBody(d: DraftView): string {
  const head = [
    d.to ? `To: ${quoted(d.to)}` : null,
    d.subject ? `Subject: ${quoted(d.subject)}` : null,
    d.tool_type === "post" && d.title ? `Title: ${quoted(d.title)}` : null,
  ].filter(Boolean);
  const size = d.tool_type === "tweet" ? `\n(${d.characters}/${TWEET_LIMIT} characters)` : "";
  return `${head.length ? `${head.join("\n")}\n` : ""}${blockQuote(d.content)}${size}`;
}

/** "saved 2026-03-09 09:00 UTC, 3 versions". */
export function draftFacts(d: DraftView): string {
  return [`saved ${formatTime(d.updated_at)}`, d.versions > 1 ? plural(d.versions, "version") : null].filter(Boolean).join(", ");
}

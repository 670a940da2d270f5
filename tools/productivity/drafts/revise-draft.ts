import { z } from "zod";
import { canonicalJson } from "../../../entities/crypto.js";
import { defineTool } from "../../define.js";
import { ToolError } from "../../errors.js";
import { hint } from "../hint.js";
import { charCount, truncateOnWord } from "../text.js";
import { aKind, DraftView, draftBody, draftPicker, resolveDraft, viewDraft, type FormData } from "./draft-view.js";
import { appendTo, TWEET_LIMIT } from "./templates.js";

const Mode = z.enum(["replace", "append"]);

const textField = (description: string, cues: readonly string[]) =>
  z.string().trim().min(1).optional().meta(hint({ description, extract: "text", cues }));

export const reviseDraft = defineTool({
  name: "revise_draft",
  title: "Revise a draft",
  description:
    "Change one of your drafts (by default the latest one in progress): replace its text, add a line to it, or change an email's subject or a post's title. Every version is saved in the draft's revisions; a tweet stays within 280 characters.",
  domain: "productivity",
  input: z.object({
    ...draftPicker,
    content: textField("the new words: the draft's whole new text, or a line to add to it", [
      "to:",
      "to say",
      "content:",
      "text:",
      "replace with",
      "rewrite as",
      "append",
      "add",
    ]),
    mode: Mode.optional().meta(
      hint({
        description: "replace the draft's text (default) or append the words to it",
        extract: "enum",
        cues: [],
        aliases: { add: "append", adding: "append", "add a line": "append", "end with": "append", rewrite: "replace", "change the text": "replace" },
      }),
    ),
    subject: textField("an email's new subject line", ["subject", "subject to", "subject:"]),
    title: textField("a post's new title", ["title", "title to", "titled", "retitle"]),
  }),
  output: DraftView.extend({ reopened: z.boolean(), shortened: z.boolean() }),
  effect: "write",
  roles: ["admin", "member", "customer"],
  writes: ["Draft"],
  examples: [
    "Revise my draft to: We launch on Monday! Sign up at flashfusion.app #launch",
    "Append 'Join us at the webinar on Friday' to my email draft",
    "Add a line to my draft: see you there",
    "Change the subject of my email draft to Your renewal, and next steps",
    "Retitle my post draft to Our spring webinar, in 5 minutes",
    "Revise draft drf_1: Hi ACME team, a quick note about your renewal",
  ],
  keywords: ["revise", "edit", "change", "rewrite", "update", "add", "draft", "subject", "title"],
  run: async (input, ctx) => {
    if (![input.content, input.subject, input.title].some((v) => v !== undefined)) {
      throw new ToolError("VALIDATION", "What should change in the draft: its text, a line to add, its subject or its title?", {
        field: "content",
        allowed: ["content", "subject", "title"],
        ask: true,
      });
    }
    const draft = await resolveDraft(ctx, input);
    const kind = draft.tool_type;
    if (input.subject !== undefined && kind !== "email") throw new ToolError("VALIDATION", `${aKind(kind)} has no subject; only emails do`, { field: "subject" });
    if (input.title !== undefined && kind !== "post") throw new ToolError("VALIDATION", `${aKind(kind)} has no title; only posts do`, { field: "title" });

    const before = typeof draft.form_data.content === "string" ? draft.form_data.content : "";
    const wanted =
      input.content === undefined ? before : input.mode === "append" ? appendTo(kind, before, input.content) : input.content;
    const content = kind === "tweet" ? truncateOnWord(wanted, TWEET_LIMIT) : wanted;
    const formData: FormData = {
      ...draft.form_data,
      content,
      ...(input.subject !== undefined ? { subject: input.subject } : {}),
      ...(input.title !== undefined ? { title: input.title } : {}),
    };
    if (canonicalJson(formData) === canonicalJson(draft.form_data)) {
      throw new ToolError("CONFLICT", "The draft already says exactly that; nothing to change");
    }
    const revised = await ctx.store.update(
      "Draft",
      draft.id,
      {
        form_data: formData,
        title: input.subject ?? input.title ?? draft.title,
        status: "draft",
        revisions: [...draft.revisions, { at: ctx.clock.now().toISOString(), form_data: formData }],
      },
      { owner_id: ctx.actor.id, status: draft.status },
    );
    if (!revised) throw new ToolError("CONFLICT", "The draft changed while it was being revised; try again");
    return { ...viewDraft(revised), reopened: draft.status === "final", shortened: charCount(content) < charCount(wanted) };
  },
  reply: (d) =>
    `Revised your ${d.tool_type} draft [${d.id}] and saved version ${d.versions}` +
    `${d.reopened ? " (it was final; it is a draft again)" : ""}${d.shortened ? `, shortened to fit ${TWEET_LIMIT} characters` : ""}:\n${draftBody(d)}`,
});

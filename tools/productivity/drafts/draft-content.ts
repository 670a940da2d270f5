import { z } from "zod";
import { defineTool } from "../../define.js";
import { ToolError } from "../../errors.js";
import { hint } from "../hint.js";
import { capitalize, charCount, squash, truncateOnWord } from "../text.js";
import { aKind, DraftKindSchema, DraftView, draftBody, viewDraft, type FormData } from "./draft-view.js";
import { compose, INTENTS, readTopic, TWEET_LIMIT } from "./templates.js";

/** A short label for lists: the subject, the title, or the start of the text. */
const label = (text: string) => truncateOnWord(squash(text), 60);

export const draftContent = defineTool({
  name: "draft_content",
  title: "Draft an email, tweet or post",
  description:
    "Write a draft email, tweet or post and save it (auto-saved; resume it later). Without given content the text is written from the request: a tweet announcing X, an email about Y (with a subject), a post inviting people to Z. A tweet is at most 280 characters.",
  domain: "productivity",
  input: z.object({
    tool_type: DraftKindSchema.meta(
      hint({
        description: "what to draft: email, tweet or post",
        extract: "enum",
        cues: ["draft", "write", "compose", "draft a", "write a"],
        aliases: {
          "e-mail": "email",
          mail: "email",
          newsletter: "email",
          "x post": "tweet",
          "blog post": "post",
          "linkedin post": "post",
          "social post": "post",
          article: "post",
        },
      }),
    ),
    topic: z
      .string()
      .trim()
      .min(1)
      .optional()
      .meta(
        hint({
          description: "what the text is about, as said: \"announcing our launch\", \"about the renewal\"",
          extract: "text",
          cues: ["announcing", "about", "regarding", "on", "for", "to announce", "inviting", "thanking"],
        }),
      ),
    intent: z
      .enum(INTENTS)
      .optional()
      .meta(
        hint({
          description: "what the text does: announce, invite, thank, or talk about the topic",
          extract: "enum",
          cues: [],
          aliases: { announcing: "announce", announcement: "announce", inviting: "invite", invitation: "invite", thanking: "thank", "thank you": "thank", regarding: "about" },
        }),
      ),
    to: z
      .string()
      .trim()
      .min(1)
      .optional()
      .meta(hint({ description: "whom an email is for: an address (or a name)", extract: "email", cues: ["to", "addressed to", "send to"] })),
    subject: z
      .string()
      .trim()
      .min(1)
      .optional()
      .meta(hint({ description: "an email's subject line, or a post's title", extract: "text", cues: ["subject", "subject:", "with subject", "titled"] })),
    content: z
      .string()
      .trim()
      .min(1)
      .optional()
      .meta(hint({ description: "the text itself, when it is already written", extract: "text", cues: ["content:", "text:", "saying", "that says"] })),
  }),
  output: DraftView.extend({ shortened: z.boolean() }),
  effect: "write",
  roles: ["admin", "member", "customer"],
  writes: ["Draft"],
  examples: [
    "Draft tweet announcing our launch",
    "Write an email to the ACME team about their renewal next month",
    "Draft a LinkedIn post inviting customers to our spring webinar",
    "Compose a tweet thanking our beta testers",
    "Draft an email with subject Q3 update saying: Hi all, here is where we stand on Q3",
    "Write a blog post about our new pricing",
    "Draft an email to kim@example.com about the invoice",
  ],
  keywords: ["draft", "write", "compose", "tweet", "email", "post", "announce", "content", "copy"],
  run: async (input, ctx) => {
    if (!input.topic && !input.content) {
      throw new ToolError("VALIDATION", `What should ${aKind(input.tool_type)} be about?`, { field: "topic", ask: true });
    }
    const sender = ctx.actor.full_name || ctx.actor.email;
    const written = input.content
      ? { content: input.content }
      : compose({ kind: input.tool_type, topic: input.topic!, intent: input.intent, to: input.to, sender });
    const content = input.tool_type === "tweet" ? truncateOnWord(written.content, TWEET_LIMIT) : written.content;
    const about = input.topic ? capitalize(readTopic(input.topic).topic) : label(content);
    const subject = input.tool_type === "email" ? (input.subject ?? written.subject ?? about) : undefined;
    const title = input.tool_type === "post" ? (input.subject ?? written.title ?? about) : undefined;
    const formData: FormData = {
      content,
      ...(subject !== undefined ? { subject } : {}),
      ...(title !== undefined ? { title } : {}),
      ...(input.to ? { to: input.to } : {}),
    };
    const draft = await ctx.store.insert("Draft", {
      tool_type: input.tool_type,
      title: subject ?? title ?? about,
      form_data: formData,
      status: "draft",
      revisions: [{ at: ctx.clock.now().toISOString(), form_data: formData }],
      owner_id: ctx.actor.id,
    });
    return { ...viewDraft(draft), shortened: charCount(content) < charCount(written.content) };
  },
  reply: (d) =>
    `Drafted ${aKind(d.tool_type)} and saved it [${d.id}]${d.shortened ? `, shortened to fit ${TWEET_LIMIT} characters` : ""}:\n` +
    `${draftBody(d)}\nSay "revise my draft" to change it, or "finalize my draft" when it is ready.`,
});

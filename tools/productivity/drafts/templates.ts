import { capitalize, charCount, hashtagsOf, squash, truncateOnWord } from "../text.js";

/**
 * Deterministic drafts: when no model wrote the content, a draft is written from the request
 * by templates: what kind of text (email, tweet, post), what it does (announce, invite, thank,
 * or talk about something) and its topic. The words come from the request; nothing is invented.
 */
export const DRAFT_KINDS = ["email", "tweet", "post"] as const;
export type DraftKind = (typeof DRAFT_KINDS)[number];

export const INTENTS = ["announce", "invite", "thank", "about"] as const;
export type Intent = (typeof INTENTS)[number];

export const TWEET_LIMIT = 280;

export interface DraftBrief {
  kind: DraftKind;
  topic: string;
  /** What the text does; read from the topic's first words when not given. */
  intent?: Intent;
  /** Whom an email greets: a name ("ACME team") or an address. */
  to?: string;
  /** Who signs an email. */
  sender: string;
}

export interface Composed {
  content: string;
  /** Emails. */
  subject?: string;
  /** Posts. */
  title?: string;
}

const LEADS: readonly [RegExp, Intent][] = [
  [/^(?:an?\s+)?announcement\s+(?:of|about|for)\s+/i, "announce"],
  [/^(?:to\s+)?announc(?:e|es|ing)\s+/i, "announce"],
  [/^(?:to\s+)?invit(?:e|es|ing)\s+(?:[\p{L}'’-]+\s+){0,3}?to\s+/iu, "invite"],
  [/^(?:an?\s+)?invitation\s+(?:to|for)\s+/i, "invite"],
  [/^(?:to\s+)?thank(?:s|ing)?\s+(?:you\s+)?(?:to\s+)?/i, "thank"],
  [/^(?:about|on|regarding|re:?|concerning|for)\s+/i, "about"],
];

/** "announcing our launch" → announce, "our launch"; a topic without a lead is `about`. */
export function readTopic(raw: string): { intent: Intent; topic: string } {
  const text = squash(raw).replace(/[\s.!?;:,]+$/u, "");
  for (const [lead, intent] of LEADS) {
    const m = lead.exec(text);
    if (m && text.length > m[0].length) return { intent, topic: text.slice(m[0].length) };
  }
  return { intent: "about", topic: text };
}

const STOPWORDS = new Set(
  "a an the our my your their his her its we us you new this that these those of for to and or with on in at by from about next".split(" "),
);

/** Longest hashtag worth adding: beyond this a tag reads as noise. */
const HASHTAG_MAX = 24;

/** The hashtag a tweet or post ends with: the topic's own #tags, or its words run together. */
export function hashtagFor(topic: string): string {
  const own = hashtagsOf(topic);
  if (own.length) return "";
  const words = topic
    .replace(/#\S+/g, "")
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 1 && !STOPWORDS.has(w.toLowerCase()));
  if (words.length === 0) return "";
  const joined = words.map(capitalize).join("");
  const tag = words.length <= 3 && joined.length <= HASHTAG_MAX ? joined : capitalize(words[words.length - 1]!);
  return tag.length <= HASHTAG_MAX ? `#${tag}` : "";
}

/** The first of the candidates that fits in a tweet; the shortest, cut on a word, if none does. */
export function fitTweet(candidates: readonly string[]): string {
  const clean = candidates.map((c) => squash(c));
  return clean.find((c) => charCount(c) <= TWEET_LIMIT) ?? truncateOnWord(clean[clean.length - 1]!, TWEET_LIMIT);
}

function tweet(intent: Intent, topic: string, tag: string): string {
  const t = topic;
  switch (intent) {
    case "announce":
      return fitTweet([
        `Announcing ${t}! We've been working hard on this and can't wait for you to try it. Tell us what you think! ${tag}`,
        `Announcing ${t}! Tell us what you think. ${tag}`,
        `Announcing ${t}! ${tag}`,
      ]);
    case "invite":
      return fitTweet([
        `You're invited to ${t}! Save the date, bring a friend, and reply to let us know you're coming. ${tag}`,
        `You're invited to ${t}! ${tag}`,
      ]);
    case "thank":
      return fitTweet([
        `A big thank you to ${t}! We couldn't have done it without you. ${tag}`,
        `A big thank you to ${t}! ${tag}`,
      ]);
    case "about":
      return fitTweet([
        `Some news about ${t}: more to share soon, and we'd love to hear your thoughts in the replies. ${tag}`,
        `News about ${t}: more soon! ${tag}`,
      ]);
  }
}

/** "Hi ACME team," for "the ACME team"; an address or no one gets "Hi there,". */
function greeting(to: string | undefined): string {
  const name = to?.replace(/^(?:the|our|my)\s+/i, "").trim();
  return name && !name.includes("@") ? `Hi ${name},` : "Hi there,";
}

function email(intent: Intent, topic: string, to: string | undefined, sender: string): Composed {
  const body = (subject: string, ...paragraphs: string[]): Composed => ({
    subject,
    content: [greeting(to), ...paragraphs, `Best regards,\n${sender}`].join("\n\n"),
  });
  switch (intent) {
    case "announce":
      return body(
        `Announcing ${topic}`,
        `We're excited to announce ${topic}. We've been working toward this for a while, and we wanted you to be among the first to hear about it.`,
        "If you have any questions or feedback, just reply to this email.",
      );
    case "invite":
      return body(
        `You're invited: ${topic}`,
        `I'd like to invite you to ${topic}. It would be great to have you there.`,
        "Please let me know whether you can make it by replying to this email.",
      );
    case "thank":
      return body(
        "Thank you",
        `I wanted to say a big thank you to ${topic}. Your support makes a real difference, and we're grateful for it.`,
      );
    case "about":
      return body(
        capitalize(topic),
        `I'm writing to you about ${topic}. I'd like to go over the details with you and answer any questions you may have.`,
        "Would you have time for a short call this week? Just reply to this email.",
      );
  }
}

function post(intent: Intent, topic: string, tag: string): Composed {
  const body = (title: string, ...paragraphs: string[]): Composed => ({ title, content: paragraphs.filter(Boolean).join("\n\n") });
  switch (intent) {
    case "announce":
      return body(
        `Announcing ${topic}`,
        `Today we're announcing ${topic}.`,
        "We've been working toward this for a while, and we're excited to finally share it with you.",
        `Try it out and let us know what you think in the comments. ${tag}`.trim(),
      );
    case "invite":
      return body(
        `You're invited: ${topic}`,
        `You're invited to ${topic}!`,
        "We'd love to see you there. Save the date and bring a friend.",
        `Comment below or send us a message to join. ${tag}`.trim(),
      );
    case "thank":
      return body(
        `Thank you to ${topic}`,
        `A big thank you to ${topic}!`,
        "We couldn't have come this far without you, and we're grateful for every bit of support.",
        tag,
      );
    case "about":
      return body(
        capitalize(topic),
        `Let's talk about ${topic}.`,
        "We want to share how we're thinking about it, and hear how you are.",
        `What's your take? Let us know in the comments. ${tag}`.trim(),
      );
  }
}

/** Writes a draft from a brief. A tweet always fits in 280 characters. */
export function compose(brief: DraftBrief): Composed {
  const read = readTopic(brief.topic);
  const intent = brief.intent ?? read.intent;
  const tag = hashtagFor(read.topic);
  switch (brief.kind) {
    case "tweet":
      return { content: tweet(intent, read.topic, tag) };
    case "email":
      return email(intent, read.topic, brief.to, brief.sender);
    case "post":
      return post(intent, read.topic, tag);
  }
}

const SIGN_OFF = /\n\n(?:best|kind|warm)?\s*(?:regards|wishes|thanks|thank you|cheers|sincerely|best)[^\n]*\n[^\n]+$/i;

/**
 * Adds a paragraph to a draft's text: a tweet gets it on the same line (then fits in 280
 * characters), an email gets it before its sign-off, a post at its end.
 */
export function appendTo(kind: DraftKind, content: string, addition: string): string {
  const extra = squash(addition);
  if (!content.trim()) return extra;
  if (kind === "tweet") return truncateOnWord(`${content.trimEnd()} ${extra}`, TWEET_LIMIT);
  const signOff = kind === "email" ? SIGN_OFF.exec(content) : null;
  if (signOff) return `${content.slice(0, signOff.index)}\n\n${extra}${signOff[0]}`;
  return `${content.trimEnd()}\n\n${extra}`;
}

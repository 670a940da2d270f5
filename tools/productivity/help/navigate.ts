import { z } from "zod";
import { defineTool } from "../../define.js";
import type { CatalogEntry } from "../catalog.js";
import { hint } from "../hint.js";
import { quoted } from "../text.js";
import { significantWords, wordsOf } from "../words.js";
import { PLACES, type Place } from "./places.js";

/** Most chat commands a navigation answer suggests. */
const SUGGESTED = 4;

/** The place whose words the request names most (longer phrases weigh more); none when no word matches. */
function bestPlace(topic: string): Place | null {
  const said = ` ${wordsOf(topic).join(" ")} `;
  let best: { place: Place; score: number } | null = null;
  for (const place of PLACES) {
    const score = place.words
      .filter((phrase) => said.includes(` ${wordsOf(phrase).join(" ")} `))
      .reduce((sum, phrase) => sum + wordsOf(phrase).length, 0);
    if (score > 0 && (!best || score > best.score)) best = { place, score };
  }
  return best?.place ?? null;
}

/**
 * Tools whose names say what the request (or its place) is about: `create_webhook` for
 * "webhooks". A place's phrases ("event notification") are left out: their words alone would
 * name unrelated tools.
 */
function chatTools(entries: readonly CatalogEntry[], topic: string, place: Place | null): CatalogEntry[] {
  const placeWords = (place?.words ?? []).filter((w) => !w.includes(" "));
  const wanted = new Set([...significantWords(topic), ...placeWords]);
  return entries.filter((e) => wordsOf(e.name).some((w) => wanted.has(w)));
}

const Suggestion = z.object({ tool: z.string(), title: z.string(), example: z.string().nullable() });

export const navigate = defineTool({
  name: "navigate",
  title: "Find where something is",
  description:
    "Say where something is managed in FlashFusion: in this chat (which commands), in the dashboard, over the HTTP interface or on the command line. Answers honestly when it does not know.",
  domain: "productivity",
  input: z.object({
    topic: z
      .string()
      .trim()
      .min(1)
      .meta(
        hint({
          description: "the thing or area the person is looking for",
          extract: "text",
          cues: ["manage", "managed", "find", "configure", "set up", "located"],
        }),
      ),
  }),
  output: z.object({
    topic: z.string(),
    found: z.boolean(),
    place: z
      .object({ area: z.string(), app: z.string().nullable(), api: z.array(z.string()), cli: z.array(z.string()), note: z.string().nullable() })
      .nullable(),
    chat: z.array(Suggestion),
  }),
  effect: "read",
  idempotent: true,
  roles: ["admin", "member", "customer"],
  examples: [
    "Where do I manage webhooks?",
    "Where can I find the API keys?",
    "Where is the pipeline configuration located?",
    "Where do I configure secrets?",
    "Where do I set up an MCP client?",
    "Which menu manages my drafts?",
  ],
  keywords: ["navigate", "located", "location", "manage", "managed", "menu", "dashboard", "settings", "section"],
  run: async (input, ctx) => {
    const place = bestPlace(input.topic);
    const tools = chatTools(ctx.services.catalog.entries({ role: ctx.actor.role }), input.topic, place);
    return {
      topic: input.topic,
      found: place !== null || tools.length > 0,
      place: place
        ? { area: place.area, app: place.app ?? null, api: [...(place.api ?? [])], cli: [...(place.cli ?? [])], note: place.note ?? null }
        : null,
      chat: tools.slice(0, SUGGESTED).map((t) => ({ tool: t.name, title: t.title, example: t.examples[0] ?? null })),
    };
  },
  reply: (o) => {
    if (!o.found) {
      return `I don't know where ${quoted(o.topic)} is in FlashFusion, and I won't guess. Ask "what can you do" to see what I can help with here.`;
    }
    const lines = [
      o.place?.app ? `- In the app: ${o.place.app}` : null,
      ...(o.place?.api ?? []).map((a) => `- API: ${a}`),
      ...(o.place?.cli ?? []).map((c) => `- Command line: ${c}`),
      ...o.chat.map((c) => `- In chat: ${c.title}${c.example ? `, e.g. "${c.example}"` : ""}`),
      o.place?.note ? `Note: ${o.place.note}` : null,
    ].filter(Boolean);
    return `${o.place?.area ?? "Here"}:\n${lines.join("\n")}`;
  },
});

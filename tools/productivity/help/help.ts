import { z } from "zod";
import type { Domain } from "../../define.js";
import { defineTool } from "../../define.js";
import type { CatalogEntry } from "../catalog.js";
import { hint } from "../hint.js";
import { quoted } from "../text.js";
import { significantWords, wordsOf } from "../words.js";

/** How many tool titles a line about another domain names before "…". */
const TITLES_PER_DOMAIN = 4;

const DOMAIN_LABELS: Record<Domain, string> = {
  productivity: "Productivity",
  commerce: "Orders, payments and onboarding",
  analytics: "Analytics",
  cicd: "Pipelines and deployments",
  security: "Security and compliance",
  platform: "Platform",
};

/** Copilot's own tools group by what they are about ("Notes", "Drafts"); other domains by domain. */
function areaOf(e: CatalogEntry): string {
  if (e.domain !== "productivity") return DOMAIN_LABELS[e.domain];
  return e.subject ? `${e.subject}s` : "Help and navigation";
}

const Tool = z.object({ name: z.string(), title: z.string(), description: z.string(), example: z.string().nullable() });
const Area = z.object({ area: z.string(), domain: z.string(), tools: z.array(Tool) });

function groupByArea(entries: readonly CatalogEntry[]): z.infer<typeof Area>[] {
  const areas = new Map<string, z.infer<typeof Area>>();
  for (const e of entries) {
    const name = areaOf(e);
    const area = areas.get(name) ?? { area: name, domain: e.domain, tools: [] };
    area.tools.push({ name: e.name, title: e.title, description: e.description, example: e.examples[0] ?? null });
    areas.set(name, area);
  }
  return [...areas.values()];
}

/** Whether an area is what the person asked about: its name, or one of its tools' names or keywords. */
function isAbout(area: z.infer<typeof Area>, entries: readonly CatalogEntry[], words: readonly string[]): boolean {
  const named = new Set([
    ...wordsOf(area.area),
    ...area.tools.flatMap((t) => wordsOf(t.name)),
    ...entries.filter((e) => area.tools.some((t) => t.name === e.name)).flatMap((e) => e.keywords.flatMap(wordsOf)),
  ]);
  return words.some((w) => named.has(w));
}

export const help = defineTool({
  name: "help",
  title: "What can you do",
  description:
    "Describe what the assistant can do for you, grouped by area (notes, projects, contacts, tasks, drafts, and what other agents handle), with an example command for each; optionally only one area.",
  domain: "productivity",
  input: z.object({
    topic: z
      .string()
      .trim()
      .min(1)
      .optional()
      .meta(hint({ description: "an area to explain in detail: notes, drafts, tasks…", extract: "text", cues: ["with", "about", "help with", "help on", "for"] })),
  }),
  output: z.object({ topic: z.string().nullable(), matched: z.boolean(), areas: z.array(Area) }),
  effect: "read",
  idempotent: true,
  roles: ["admin", "member", "customer"],
  examples: ["What can you do?", "Help", "What can you do with drafts?", "How can you help me with notes?", "Show me what you can help with", "What commands do you understand?"],
  keywords: ["help", "capabilities", "what can you do", "features", "commands", "abilities", "how to"],
  run: async (input, ctx) => {
    const entries = ctx.services.catalog.entries({ role: ctx.actor.role });
    const areas = groupByArea(entries);
    const words = input.topic ? significantWords(input.topic) : [];
    const asked = words.length ? areas.filter((a) => isAbout(a, entries, words)) : [];
    return { topic: input.topic ?? null, matched: asked.length > 0, areas: asked.length ? asked : areas };
  },
  reply: (o) => {
    const detail = o.matched && o.areas.length === 1;
    const lines = o.areas.map((a) => {
      if (detail) {
        return `${a.area}:\n${a.tools.map((t) => `- ${t.title}: ${t.description}${t.example ? ` Try "${t.example}".` : ""}`).join("\n")}`;
      }
      if (a.domain !== "productivity") {
        const titles = a.tools.slice(0, TITLES_PER_DOMAIN).map((t) => t.title.toLowerCase());
        const more = a.tools.length > TITLES_PER_DOMAIN ? "; …" : "";
        const example = a.tools.find((t) => t.example)?.example;
        return `- ${a.area}: ${titles.join("; ")}${more}${example ? `. Try "${example}"` : ""}`;
      }
      const example = a.tools.find((t) => t.example)?.example;
      return `- ${a.area}: ${a.tools.map((t) => t.title.toLowerCase()).join("; ")}${example ? `. Try "${example}"` : ""}`;
    });
    const unknown = o.topic && !o.matched ? `I have nothing specific about ${quoted(o.topic)}; here is everything I can do.\n` : "";
    return `${unknown}${detail ? "" : "Here is what I can help with:\n"}${lines.join("\n")}`;
  },
});

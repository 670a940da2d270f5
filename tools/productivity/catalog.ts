import type { EntityName } from "../../entities/index.js";
import { rolesOf, type AnyTool, type Domain, type Effect, type Role } from "../define.js";
import type { ToolRegistry } from "../registry.js";

/** What a person can learn about one tool: enough to say what it does and how to ask for it. */
export interface CatalogEntry {
  name: string;
  title: string;
  description: string;
  domain: Domain;
  effect: Effect;
  roles: readonly Role[];
  examples: readonly string[];
  keywords: readonly string[];
  /** The entity the tool is about: the first it writes, else the first it reads. */
  subject: EntityName | null;
}

/** The platform's tools as capabilities, read live from the registry ("what can you do"). */
export interface ToolCatalog {
  /** The tools, in registry order; with `role`, only those a person of that role may call. */
  entries(filter?: { role?: Role; domains?: readonly Domain[] }): CatalogEntry[];
}

declare module "../services.js" {
  interface Services {
    catalog: ToolCatalog;
  }
}

function titleOf(tool: AnyTool): string {
  if (tool.title) return tool.title;
  const words = tool.name.replace(/_/g, " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function entryOf(tool: AnyTool): CatalogEntry {
  return {
    name: tool.name,
    title: titleOf(tool),
    description: tool.description,
    domain: tool.domain,
    effect: tool.effect,
    roles: rolesOf(tool),
    examples: tool.examples,
    keywords: tool.keywords ?? [],
    subject: tool.writes?.[0] ?? tool.reads?.[0] ?? null,
  };
}

export function createToolCatalog(registry: ToolRegistry): ToolCatalog {
  return {
    entries(filter = {}) {
      return registry
        .list(filter.domains ? { domains: filter.domains } : undefined)
        .map(entryOf)
        .filter((e) => !filter.role || e.roles.includes(filter.role));
    },
  };
}

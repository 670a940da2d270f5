import type { Entities } from "../../../entities/index.js";
import type { Store } from "../../../entities/store.js";
import { ToolError } from "../../errors.js";

type Environment = Entities["Environment"];

/** Where a secret may be used: every environment, or the listed ones. */
export type Scope = { all: true } | { all: false; environments: Environment[] };

const FILLER = /^(?:the|both|only|env|envs|environment|environments)\s+|\s+(?:only|env|envs|environment|environments)$/gi;
const EVERY = new Set(["all", "every", "any", "everywhere"]);

function tokensOf(ref: string | readonly string[]): string[] {
  const parts = typeof ref === "string" ? ref.split(/\s*(?:,|;|&|\+|\band\b|\bor\b)\s*/i) : ref;
  return parts
    .map((p) => {
      // A clause that follows the environments ("production expiring in 90 days") is not one.
      let t = p.replace(/\s+(?:expir\w*|valid|until)\b.*$/i, "").trim();
      for (let before = ""; before !== t; ) {
        before = t;
        t = t.replace(FILLER, "").trim();
      }
      return t;
    })
    .filter(Boolean);
}

/**
 * Environments by id or name ("staging and production", "env_stg, prod", ["staging"]), or
 * every environment ("all"). A name that matches no environment is an error, never skipped:
 * a secret must not end up in fewer places than asked without anyone noticing.
 */
export async function resolveScope(store: Store, ref: string | readonly string[], field = "environments"): Promise<Scope> {
  const tokens = tokensOf(ref);
  if (tokens.length === 1 && EVERY.has(tokens[0]!.toLowerCase())) return { all: true };
  const known = await store.find("Environment", {}, { orderBy: "name" });
  const names = known.map((e) => e.name);
  if (tokens.length === 0) {
    throw new ToolError("VALIDATION", `Which environments may use the secret? ${names.length ? `There are: ${names.join(", ")}; or say all.` : "Say all."}`, {
      field,
      allowed: [...names, "all"],
      ask: true,
    });
  }
  const environments: Environment[] = [];
  for (const token of tokens) {
    const env = known.find((e) => e.id === token) ?? known.find((e) => e.name.toLowerCase() === token.toLowerCase());
    if (!env) {
      const there = names.length ? `there are: ${names.join(", ")}` : "there are none yet";
      throw new ToolError("NOT_FOUND", `No environment "${token}" in this workspace; ${there} (or say all environments)`, { field, allowed: [...names, "all"] });
    }
    if (!environments.includes(env)) environments.push(env);
  }
  return { all: false, environments };
}

export function scopeIds(scope: Scope): string[] {
  return scope.all ? [] : scope.environments.map((e) => e.id);
}

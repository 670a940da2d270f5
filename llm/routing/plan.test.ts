import { describe, expect, it } from "vitest";
import { isLlmError } from "../errors.js";
import type { ModelChoice } from "./choice.js";
import { planTargets, type ChoiceLevel, type PlanInput } from "./plan.js";

const levels = (l: Partial<Record<Exclude<ChoiceLevel, "default" | "fallback">, ModelChoice>>): PlanInput["levels"] =>
  (["request", "agent", "workspace", "platform", "environment"] as const).map((name) => [name, l[name] ?? {}] as const);

const both = { openai: "sk-platform-openai", anthropic: "sk-ant-platform" };
const plan = (input: Partial<PlanInput>) =>
  planTargets({ levels: levels({}), workspaceKeys: {}, platformKeys: both, baseURLs: {}, ...input }).map((t) => ({
    provider: t.provider,
    model: t.model,
    chosenBy: t.chosenBy,
    key: t.key?.source,
  }));

describe("planTargets", () => {
  it("with nobody choosing, takes the first provider that has a key, then falls back on the other", () => {
    expect(plan({})).toEqual([
      { provider: "openai", model: "gpt-4o-mini", chosenBy: "default", key: "platform" },
      { provider: "anthropic", model: "claude-haiku-4-5", chosenBy: "fallback", key: "platform" },
    ]);
    expect(plan({ platformKeys: { anthropic: "sk-ant-platform" } })[0]).toMatchObject({ provider: "anthropic" });
    expect(plan({ platformKeys: {} })).toEqual([{ provider: "local", model: "flashfusion-local", chosenBy: "default", key: undefined }]);
  });

  it("lets the most specific level decide, and infers the provider from a bare model name", () => {
    const l = levels({ agent: { model: "claude-haiku-4-5" }, workspace: { provider: "openai", model: "gpt-4.1" } });
    expect(plan({ levels: l })[0]).toMatchObject({ provider: "anthropic", model: "claude-haiku-4-5", chosenBy: "agent" });
    expect(plan({ levels: levels({ ...Object.fromEntries(l.map(([k, v]) => [k, v])), request: { provider: "openai" } }) })[0]).toMatchObject({
      provider: "openai",
      model: "gpt-4.1",
      chosenBy: "request",
    });
  });

  it("gives a model that names no provider to the provider chosen below it (an OpenAI-compatible server)", () => {
    expect(plan({ levels: levels({ environment: { model: "llama-3.1-8b" } }) })[0]).toMatchObject({ provider: "openai", model: "llama-3.1-8b" });
  });

  it("uses a workspace's key instead of the platform's, in a cooldown slot of its own", () => {
    const targets = planTargets({ levels: levels({}), workspaceKeys: { openai: "wlk_1" }, platformKeys: both, baseURLs: { openai: "http://stand-in/v1" } });
    expect(targets[0]).toMatchObject({ provider: "openai", baseURL: "http://stand-in/v1", key: { source: "workspace", id: "wlk_1" } });
    const platform = planTargets({ levels: levels({}), workspaceKeys: {}, platformKeys: both, baseURLs: {} });
    expect(platform[0]!.key).toMatchObject({ source: "platform", value: "sk-platform-openai" });
    expect(targets[0]!.key!.slot).not.toBe(platform[0]!.key!.slot);
    expect(platform[0]!.key!.slot).not.toContain("sk-platform");
  });

  it("follows an explicit fallback order, skipping providers without a key", () => {
    expect(plan({ levels: levels({ workspace: { provider: "anthropic" } }), fallback: ["openai", "local"], platformKeys: { anthropic: "k" } })).toEqual([
      { provider: "anthropic", model: "claude-haiku-4-5", chosenBy: "workspace", key: "platform" },
      { provider: "local", model: "flashfusion-local", chosenBy: "fallback", key: undefined },
    ]);
  });

  it("does not give the request's model to a fallback of another provider", () => {
    expect(plan({ levels: levels({ request: { provider: "openai", model: "gpt-4o" }, workspace: { model: "claude-opus-4-1" } }) })).toEqual([
      { provider: "openai", model: "gpt-4o", chosenBy: "request", key: "platform" },
      { provider: "anthropic", model: "claude-opus-4-1", chosenBy: "fallback", key: "platform" },
    ]);
  });

  it("refuses a chosen provider that has no key anywhere", () => {
    try {
      plan({ levels: levels({ workspace: { provider: "anthropic" } }), platformKeys: { openai: "k" } });
      expect.unreachable();
    } catch (e) {
      expect(isLlmError(e) && e.code).toBe("INVALID_REQUEST");
      expect((e as Error).message).toBe("anthropic was chosen (by the workspace settings) but has no API key: set ANTHROPIC_API_KEY or add a workspace key for anthropic");
    }
  });
});

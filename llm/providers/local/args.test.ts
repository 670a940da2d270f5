import { describe, expect, it } from "vitest";
import { toLlmTool } from "../../../graph/tool-defs.js";
import { addNote } from "../../../tools/productivity/notes/add-note.js";
import { createOrder } from "../../../tools/commerce/create-order.js";
import { createWebhook } from "../../../tools/cicd/webhooks/create-webhook.js";
import { sendWebhook } from "../../../tools/cicd/webhooks/send-webhook.js";
import type { AnyTool } from "../../../tools/define.js";
import { fillArguments } from "./args.js";
import { paramsOf } from "./params.js";
import { analyse, indexTools } from "./rank.js";

const NOW = new Date("2026-03-10T09:00:00Z");

function fill(tool: AnyTool, command: string) {
  const def = toLlmTool(tool);
  const a = analyse(command, NOW);
  const { vocabulary } = indexTools([def]).tools[0]!;
  return fillArguments(paramsOf(def.parameters), { text: a.text, spans: a.spans, vocabulary }).args;
}

describe("the local provider's argument filling", () => {
  it("does not read the colon of a URL as the start of free text", () => {
    expect(fill(sendWebhook as AnyTool, "Send run.failed for webapp-pipeline to https://hooks.example.com/x").message).toBeUndefined();
    expect(fill(createWebhook as AnyTool, "Notify https://hooks.example.com/alerts whenever webapp-pipeline fails")).toMatchObject({
      url: "https://hooks.example.com/alerts",
      events: ["run.failed"],
    });
  });

  it("still takes free text after a colon that sets it off", () => {
    expect(fill(addNote as AnyTool, "Add note: check https://acme.example/pricing for new plans").content).toBe("check https://acme.example/pricing for new plans");
  });

  it("lets an optional name take a hyphenated name no other argument wanted", () => {
    expect(fill(createWebhook as AnyTool, "Notify https://hooks.example.com/alerts whenever webapp-pipeline fails").pipeline).toBe("webapp-pipeline");
    expect(fill(createWebhook as AnyTool, "Notify https://hooks.example.com/alerts whenever a run fails").pipeline).toBeUndefined();
    // An enum value is that value, never a name: the pipeline is api-pipeline, not run.started.
    expect(fill(createWebhook as AnyTool, "Send run.started events for api-pipeline to https://hooks.example.com/slack")).toMatchObject({ events: ["run.started"], pipeline: "api-pipeline" });
  });

  it("lets an optional code take a code nobody cued, so a coupon said without the word 'coupon' is not dropped", () => {
    expect(fill(createOrder as AnyTool, "Order 2 × Product-A for ada@example.com and use SPRING20")).toMatchObject({ coupon_code: "SPRING20" });
    expect(fill(createOrder as AnyTool, "Order 2 × Product-A for ada@example.com").coupon_code).toBeUndefined();
  });
});

import type { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { chatEventLog } from "../graph/thread-log.js";
import { historyOf } from "../server/chat/history.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Store } from "../entities/store.js";
import { storeFor } from "../tools/door.js";
import { connect, memoryLog, openSeeded, type Seeded, resultText } from "./testing/fixture.js";

let seeded: Seeded;
let client: Client;
let close: () => Promise<void>;
let store: Store;

beforeAll(async () => {
  seeded = await openSeeded();
  ({ client, close } = await connect(seeded, { log: memoryLog() }));
  store = storeFor(seeded.runtime.core, "ws_default");
});
afterAll(async () => {
  await close();
  await seeded.close();
});

const text = resultText;
type Held = { status: string; approval_id: string; tool: string; action: string; arguments: Record<string, unknown>; thread_id?: string; next_step: string };
const keyNamed = async (name: string) => (await store.findOne("APIKey", { name }))!;

describe("a destructive tool called directly", () => {
  it("runs nothing and answers, without isError, the approval id and the exact action", async () => {
    const r = await client.callTool({ name: "revoke_api_key", arguments: { key: "deploy-bot" } });
    expect(r.isError).toBeFalsy();
    const held = r.structuredContent as Held;
    expect(held).toMatchObject({ status: "approval_required", tool: "revoke_api_key", arguments: { key: "deploy-bot" } });
    expect(held.approval_id).toMatch(/^apr_/);
    expect(held.action).toContain("deploy-bot");
    expect(text(r)).toContain(`approval_id "${held.approval_id}"`);
    expect((await keyNamed("deploy-bot")).revoked_at).toBeNull();
    expect((await store.get("PendingApproval", held.approval_id))?.status).toBe("pending");
  });

  it("asks again on every direct call: one call alone never runs it", async () => {
    const a = (await client.callTool({ name: "revoke_api_key", arguments: { key: "deploy-bot" } })).structuredContent as Held;
    const b = (await client.callTool({ name: "revoke_api_key", arguments: { key: "deploy-bot" } })).structuredContent as Held;
    expect(a.status).toBe("approval_required");
    expect(b.status).toBe("approval_required");
    expect(a.approval_id).not.toBe(b.approval_id);
    expect((await keyNamed("deploy-bot")).revoked_at).toBeNull();
  });

  it("runs once when approve_action approves it, and never a second time", async () => {
    const held = (await client.callTool({ name: "revoke_api_key", arguments: { key: "deploy-bot" } })).structuredContent as Held;
    const done = await client.callTool({ name: "approve_action", arguments: { approval_id: held.approval_id, approve: true } });
    expect(done.isError).toBeFalsy();
    expect(done.structuredContent).toMatchObject({ approval_id: held.approval_id, tool: "revoke_api_key", decision: "approved", result: { name: "deploy-bot" } });
    expect((await keyNamed("deploy-bot")).revoked_at).not.toBeNull();
    expect((await store.get("PendingApproval", held.approval_id))?.status).toBe("consumed");

    const again = await client.callTool({ name: "approve_action", arguments: { approval_id: held.approval_id, approve: true } });
    expect(again.isError).toBe(true);
    expect(text(again)).toMatch(/^CONFLICT: approval .* has already run; call revoke_api_key again/);
    const audits = await store.find("AuditLog", { action: "revoke_api_key", status: "success" });
    expect(audits).toHaveLength(1);
  });

  it("changes nothing when rejected, and a rejected approval cannot be approved later", async () => {
    const held = (await client.callTool({ name: "revoke_api_key", arguments: { key: "analytics-ro" } })).structuredContent as Held;
    const no = await client.callTool({ name: "approve_action", arguments: { approval_id: held.approval_id, approve: false } });
    expect(no.structuredContent).toMatchObject({ decision: "rejected" });
    expect((no.structuredContent as { reply: string }).reply).toMatch(/^Cancelled: .*Nothing was changed\.$/);
    expect((await keyNamed("analytics-ro")).revoked_at).toBeNull();
    const late = await client.callTool({ name: "approve_action", arguments: { approval_id: held.approval_id, approve: true } });
    expect(text(late)).toMatch(/^CONFLICT: approval .* was already rejected/);
    expect((await keyNamed("analytics-ro")).revoked_at).toBeNull();
  });

  it("holds a deployment to a protected environment, then starts exactly one run", async () => {
    const before = await store.count("PipelineRun");
    const r = await client.callTool({ name: "trigger_pipeline", arguments: { pipeline: "webapp-release" } });
    const held = r.structuredContent as Held;
    expect(held).toMatchObject({ status: "approval_required", tool: "trigger_pipeline" });
    expect(held.action).toMatch(/production, a protected environment/);
    expect(await store.count("PipelineRun")).toBe(before);
    const done = await client.callTool({ name: "approve_action", arguments: { approval_id: held.approval_id, approve: true } });
    expect(done.structuredContent).toMatchObject({ decision: "approved", result: { pipeline: "webapp-release", environment: "production", status: "queued" } });
    expect(await store.count("PipelineRun")).toBe(before + 1);
  });

  it("says what to give when neither id is given, and names an approval that does not exist", async () => {
    const none = await client.callTool({ name: "approve_action", arguments: { approve: true } });
    expect(none.isError).toBe(true);
    expect(text(none)).toMatch(/^VALIDATION: give approval_id .* or thread_id/);
    const ghost = await client.callTool({ name: "approve_action", arguments: { approval_id: "apr_ghost", approve: true } });
    expect(text(ghost)).toMatch(/^NOT_FOUND: no approval apr_ghost/);
    const typo = await client.callTool({ name: "approve_action", arguments: { approval_id: "apr_ghost", approve: "yes" } });
    expect(text(typo)).toMatch(/^VALIDATION: .*approve/);
  });

  it("is decided only where its tool is exposed", async () => {
    const held = (await client.callTool({ name: "revoke_api_key", arguments: { key: "legacy-ci" } })).structuredContent as Held;
    const commerce = await connect(seeded, { exposure: { toolsets: ["commerce"], readOnly: false }, log: memoryLog() });
    try {
      const r = await commerce.client.callTool({ name: "approve_action", arguments: { approval_id: held.approval_id, approve: true } });
      expect(r.isError).toBe(true);
      expect(text(r)).toMatch(/^FORBIDDEN: this connection cannot decide on revoke_api_key/);
    } finally {
      await commerce.close();
    }
    expect((await keyNamed("legacy-ci")).revoked_at).toBeNull();
  });
});

describe("an action held in an ask_agent thread", () => {
  it("comes back as the pending call; approve_action with the thread id resumes the turn and runs it once", async () => {
    const asked = await client.callTool({ name: "ask_agent", arguments: { text: "Revoke API key legacy-ci" } });
    expect(asked.isError).toBeFalsy();
    const turn = asked.structuredContent as { thread_id: string; status: string; approval: Held };
    expect(turn.status).toBe("awaiting_approval");
    expect(turn.approval).toMatchObject({ status: "approval_required", tool: "revoke_api_key", thread_id: turn.thread_id });
    expect(turn.approval.next_step).toContain(`thread_id "${turn.thread_id}"`);
    expect((await keyNamed("legacy-ci")).revoked_at).toBeNull();

    const done = await client.callTool({ name: "approve_action", arguments: { thread_id: turn.thread_id, approve: true } });
    expect(done.isError).toBeFalsy();
    expect(done.structuredContent).toMatchObject({ decision: "approved", tool: "revoke_api_key", turn: { thread_id: turn.thread_id, status: "completed" } });
    expect((await keyNamed("legacy-ci")).revoked_at).not.toBeNull();
    const again = await client.callTool({ name: "approve_action", arguments: { thread_id: turn.thread_id, approve: true } });
    expect(text(again)).toMatch(/^CONFLICT: nothing in thread .* waits for approval/);

    // The conversation is in its thread's log, as one held in the chat: the HTTP API and the widget show it.
    const history = historyOf(await chatEventLog(store).all(turn.thread_id));
    expect(history).toMatchObject([
      { role: "user", text: "Revoke API key legacy-ci" },
      { role: "assistant", agent: "CICDAssistant", text: expect.stringMatching(/approv/i) },
      { role: "assistant", agent: "CICDAssistant", kind: "answer", tools: [{ tool: "revoke_api_key", status: "ok" }] },
    ]);
  });

  it("is cancelled by approve_action with approve: false, even when named by its approval id", async () => {
    const asked = await client.callTool({ name: "ask_agent", arguments: { text: "Revoke API key analytics-ro" } });
    const turn = asked.structuredContent as { thread_id: string; approval: Held };
    const no = await client.callTool({ name: "approve_action", arguments: { approval_id: turn.approval.approval_id, approve: false } });
    expect(no.structuredContent).toMatchObject({ decision: "rejected", turn: { thread_id: turn.thread_id } });
    expect((await keyNamed("analytics-ro")).revoked_at).toBeNull();
    expect((await store.get("PendingApproval", turn.approval.approval_id))?.status).toBe("rejected");
  });
});

import { z } from "zod";
import { defineEntity } from "../define.js";
import { f } from "../fields.js";

export const Workspace = defineEntity({
  name: "Workspace",
  table: "workspaces",
  prefix: "ws",
  fields: {
    name: f.text("Workspace"),
    /** Spending cap for model calls, checked before each call; null = no cap. */
    llm_budget_usd: f.realOrNull(),
    settings: f.json(z.record(z.string(), z.unknown()), () => ({})),
  },
});

export const User = defineEntity({
  name: "User",
  table: "users",
  prefix: "usr",
  fields: {
    email: f.text(),
    full_name: f.text(""),
    role: f.enum(["admin", "member", "customer"], "member"),
    plan: f.enumOrNull(["starter", "pro", "enterprise"]),
    status: f.enum(["invited", "active", "disabled"], "active"),
    password_hash: f.textOrNull(),
    last_login_at: f.timeOrNull(),
  },
  unique: [["email"]],
  // Signing in finds a person's accounts by email in every workspace.
  globalIndexes: [["email"]],
});

export const AuditLog = defineEntity({
  name: "AuditLog",
  table: "audit_logs",
  prefix: "aud",
  fields: {
    event_type: f.text(),
    actor_id: f.textOrNull(),
    action: f.text(),
    status: f.text("success"),
    entity_type: f.textOrNull(),
    entity_id: f.textOrNull(),
    details: f.json(z.record(z.string(), z.unknown()), () => ({})),
    agent: f.textOrNull(),
    thread_id: f.textOrNull(),
    request_id: f.textOrNull(),
  },
  indexes: [["created_at"], ["entity_type", "entity_id"]],
});

export const Thread = defineEntity({
  name: "Thread",
  table: "threads",
  prefix: "thr",
  fields: {
    actor_id: f.text(),
    current_agent: f.textOrNull(),
    title: f.textOrNull(),
    status: f.enum(["idle", "running", "awaiting_approval"], "idle"),
    last_message_at: f.timeOrNull(),
  },
  indexes: [["actor_id"]],
});

/**
 * One event of a thread's turns as the chat API streamed it (graph/events.ts), numbered by
 * `seq` across the thread's whole life, so a dropped stream resumes from any process. A turn
 * starts at its `thread` event, which also keeps what the person said (`input`).
 */
export const ChatEvent = defineEntity({
  name: "ChatEvent",
  table: "chat_events",
  prefix: "cev",
  fields: {
    thread_id: f.text(),
    seq: f.int(),
    type: f.text(),
    agent: f.textOrNull(),
    data: f.json(z.record(z.string(), z.unknown()), () => ({})),
    input: f.textOrNull(),
  },
  unique: [["thread_id", "seq"]],
});

export const PendingApproval = defineEntity({
  name: "PendingApproval",
  table: "pending_approvals",
  prefix: "apr",
  fields: {
    thread_id: f.textOrNull(),
    tool_call_id: f.textOrNull(),
    tool: f.text(),
    args: f.json(z.record(z.string(), z.unknown()), () => ({})),
    /** SHA-256 of the tool name and canonical arguments: an approval fits one exact call. */
    args_hash: f.text(),
    summary: f.text(""),
    status: f.enum(["pending", "approved", "rejected", "consumed", "expired"], "pending"),
    requested_by: f.textOrNull(),
    decided_by: f.textOrNull(),
    decided_at: f.timeOrNull(),
  },
  indexes: [["thread_id", "status"]],
});

/**
 * The first result of an operation under a key: a tool call from chat (thread + tool-call id),
 * an HTTP `Idempotency-Key`, a workflow. The same key with the same input answers this result;
 * with another input it is a conflict.
 */
export const IdempotencyRecord = defineEntity({
  name: "IdempotencyRecord",
  table: "idempotency_records",
  prefix: "idem",
  fields: {
    key: f.text(),
    scope: f.text(),
    request_hash: f.text(),
    status: f.enum(["running", "completed", "failed"], "running"),
    response: f.jsonOrNull(z.unknown()),
    expires_at: f.timeOrNull(),
  },
  unique: [["scope", "key"]],
});

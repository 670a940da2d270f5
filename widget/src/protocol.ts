// The chat API as the widget sees it (docs/chat-api.md). Stream events are the runtime's own
// type, imported for its shape only: nothing of graph/ reaches the browser bundle.
import type { RuntimeEvent } from "../../graph/events.js";

export type StreamEvent = RuntimeEvent;
export type StreamEventType = RuntimeEvent["type"];

export interface PendingApproval {
  id: string;
  tool: string;
  args: Record<string, unknown>;
  summary: string;
}

export interface HistoryTool {
  tool: string;
  status: "ok" | "error" | "approval_required";
  chart_svg?: string | null;
}

export type HistoryMessage =
  | { role: "user"; text: string; at?: string }
  | { role: "assistant"; agent: string | null; text: string; kind?: string; at?: string; tools?: HistoryTool[]; approval?: HistoryApproval };

/** The action a turn asked about, and what became of it. */
export interface HistoryApproval extends PendingApproval {
  decision: "pending" | "approved" | "rejected" | "expired";
}

/** `GET /api/v1/threads/{id}` */
export interface ThreadView {
  id: string;
  title?: string | null;
  status?: string;
  current_agent?: string | null;
  messages: HistoryMessage[];
  pending_approval: PendingApproval | null;
  last_event_id?: string | null;
}

/** Every error answered before a stream starts. */
export interface ApiErrorBody {
  error: string;
  message: string;
  code: string;
  request_id?: string;
}

const EVENT_TYPES: ReadonlySet<string> = new Set<StreamEventType>([
  "thread",
  "agent",
  "token",
  "tool_start",
  "tool_end",
  "approval_required",
  "message",
  "usage",
  "error",
  "done",
]);

/** A stream event's data, or null when it is not JSON naming a known type. */
export function parseStreamEvent(data: string): StreamEvent | null {
  let value: unknown;
  try {
    value = JSON.parse(data);
  } catch {
    return null;
  }
  if (typeof value !== "object" || value === null) return null;
  const type = (value as { type?: unknown }).type;
  return typeof type === "string" && EVENT_TYPES.has(type) ? (value as StreamEvent) : null;
}

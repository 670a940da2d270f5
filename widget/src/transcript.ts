import type { HistoryApproval, PendingApproval, StreamEvent, ThreadView } from "./protocol.js";

export type ToolStatus = "running" | "ok" | "error" | "approval_required";

export interface ToolCard {
  callId: string | null;
  tool: string;
  status: ToolStatus;
  chartSvg: string | null;
  error: string | null;
  /** Values the person sees this once (a new API key): shown now, never kept by the server. */
  shownOnce: Record<string, string> | null;
}

export type ApprovalState = "pending" | "sending" | "approved" | "rejected" | "expired";

export interface ApprovalCard extends PendingApproval {
  state: ApprovalState;
}

export interface UserItem {
  kind: "user";
  key: number;
  text: string;
}

export interface AssistantItem {
  kind: "assistant";
  key: number;
  agent: string | null;
  text: string;
  /** False while tokens are still arriving. */
  done: boolean;
  messageKind: string | null;
  tools: ToolCard[];
  approval: ApprovalCard | null;
  /** The turn's error, when it failed. */
  failed: string | null;
}

export interface NoticeItem {
  kind: "notice";
  key: number;
  text: string;
  tone: "info" | "error";
}

export type Item = UserItem | AssistantItem | NoticeItem;

export type Change = { type: "added" | "updated"; item: Item } | { type: "reset" };

function chartOf(output: unknown): string | null {
  if (typeof output !== "object" || output === null) return null;
  const svg = (output as { chart_svg?: unknown }).chart_svg;
  return typeof svg === "string" && svg.trim().startsWith("<svg") ? svg : null;
}

/** A decided approval from the history as its card; one still waiting comes from `pending_approval`. */
function decided(approval: HistoryApproval | undefined): ApprovalCard | null {
  if (!approval || approval.decision === "pending") return null;
  const { decision, ...action } = approval;
  return { ...action, state: decision };
}

/**
 * The conversation as the person sees it, folded from stream events or loaded from the
 * thread's history. Holds no DOM: every change is reported to `onChange` for the view.
 */
export class Transcript {
  readonly items: Item[] = [];
  private draft: AssistantItem | null = null;
  private nextKey = 1;

  constructor(private readonly onChange: (change: Change) => void = () => {}) {}

  /** The reply still being written, if any. */
  get streaming(): AssistantItem | null {
    return this.draft;
  }

  get isEmpty(): boolean {
    return this.items.length === 0;
  }

  /** The approval waiting for the person's decision, if any. */
  pendingApproval(): ApprovalCard | null {
    for (let i = this.items.length - 1; i >= 0; i--) {
      const item = this.items[i]!;
      if (item.kind === "assistant" && item.approval && (item.approval.state === "pending" || item.approval.state === "sending")) return item.approval;
    }
    return null;
  }

  addUser(text: string): UserItem {
    return this.add({ kind: "user", key: this.nextKey++, text });
  }

  notice(text: string, tone: NoticeItem["tone"]): NoticeItem {
    return this.add({ kind: "notice", key: this.nextKey++, text, tone });
  }

  /** Folds one stream event in; answers the assistant message it finished, if it finished one. */
  apply(event: StreamEvent): AssistantItem | null {
    switch (event.type) {
      case "agent": {
        const draft = this.open(event.agent);
        if (draft.agent !== event.agent) {
          draft.agent = event.agent;
          this.touch(draft);
        }
        return null;
      }
      case "token": {
        const draft = this.open(event.agent);
        draft.text += event.text;
        this.touch(draft);
        return null;
      }
      case "tool_start": {
        const draft = this.open(event.agent);
        draft.tools.push({ callId: event.call_id, tool: event.tool, status: "running", chartSvg: null, error: null, shownOnce: null });
        this.touch(draft);
        return null;
      }
      case "tool_end": {
        const draft = this.open(event.agent);
        let card = draft.tools.find((t) => t.callId === event.call_id);
        if (!card) {
          card = { callId: event.call_id, tool: event.tool, status: "running", chartSvg: null, error: null, shownOnce: null };
          draft.tools.push(card);
        }
        card.status = event.status;
        card.chartSvg = chartOf(event.output);
        card.error = event.error?.message ?? null;
        card.shownOnce = event.shown_once && Object.keys(event.shown_once).length ? { ...event.shown_once } : null;
        this.touch(draft);
        return null;
      }
      case "approval_required": {
        const draft = this.open(event.agent);
        draft.approval = { ...event.approval, state: "pending" };
        this.touch(draft);
        return null;
      }
      case "message": {
        const draft = this.open(event.agent);
        Object.assign(draft, { text: event.text, messageKind: event.kind, done: true, agent: event.agent ?? draft.agent });
        this.draft = null;
        this.touch(draft);
        return draft;
      }
      case "error": {
        if (this.draft) {
          const draft = this.draft;
          Object.assign(draft, { failed: event.message, done: true });
          this.draft = null;
          this.touch(draft);
          return draft;
        }
        this.notice(event.message, "error");
        return null;
      }
      case "done": {
        const draft = this.draft;
        if (!draft) return null;
        draft.done = true;
        this.draft = null;
        this.touch(draft);
        return draft;
      }
      case "thread":
      case "usage":
        return null;
    }
  }

  setApprovalState(id: string, state: ApprovalState): void {
    for (const item of this.items) {
      if (item.kind === "assistant" && item.approval?.id === id) {
        item.approval.state = state;
        this.touch(item);
      }
    }
  }

  /** Replaces everything with the thread's history, the server's word on the conversation. */
  load(view: ThreadView): void {
    this.items.length = 0;
    this.draft = null;
    this.onChange({ type: "reset" });
    for (const m of view.messages) {
      if (m.role === "user") {
        this.addUser(m.text);
        continue;
      }
      this.add({
        kind: "assistant",
        key: this.nextKey++,
        agent: m.agent ?? null,
        text: m.text,
        done: true,
        messageKind: m.kind ?? null,
        tools: (m.tools ?? []).map((t) => ({ callId: null, tool: t.tool, status: t.status, chartSvg: t.chart_svg ?? null, error: null, shownOnce: null })),
        approval: decided(m.approval),
        failed: null,
      });
    }
    const pending = view.pending_approval;
    if (pending) {
      const last = this.items.at(-1);
      const holder =
        last?.kind === "assistant"
          ? last
          : this.add({ kind: "assistant", key: this.nextKey++, agent: view.current_agent ?? null, text: "", done: true, messageKind: null, tools: [], approval: null, failed: null });
      holder.approval = { id: pending.id, tool: pending.tool, args: pending.args, summary: pending.summary, state: "pending" };
      this.touch(holder);
    }
  }

  clear(): void {
    this.items.length = 0;
    this.draft = null;
    this.onChange({ type: "reset" });
  }

  /** The reply being written, opened on its first event. */
  private open(agent: string | null): AssistantItem {
    if (this.draft) return this.draft;
    this.draft = this.add({ kind: "assistant", key: this.nextKey++, agent, text: "", done: false, messageKind: null, tools: [], approval: null, failed: null });
    return this.draft;
  }

  private add<T extends Item>(item: T): T {
    this.items.push(item);
    this.onChange({ type: "added", item });
    return item;
  }

  private touch(item: Item): void {
    this.onChange({ type: "updated", item });
  }
}

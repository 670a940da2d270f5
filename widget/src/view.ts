import type { Sanitizer } from "./sanitize.js";
import type { ApprovalCard, AssistantItem, Item, ToolCard } from "./transcript.js";

/** Builds elements with text set through textContent: nothing here parses HTML. */
export function h<K extends keyof HTMLElementTagNameMap>(
  doc: Document,
  tag: K,
  attrs: Record<string, string | boolean | undefined> = {},
  ...children: (Node | string | null | false | undefined)[]
): HTMLElementTagNameMap[K] {
  const el = doc.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    el.setAttribute(name, value === true ? "" : value);
  }
  for (const child of children) {
    if (child === null || child === false || child === undefined) continue;
    el.append(typeof child === "string" ? doc.createTextNode(child) : child);
  }
  return el;
}

export interface ItemViewContext {
  doc: Document;
  sanitizer: Sanitizer;
  /** Approve or reject the pending approval. */
  decide(approve: boolean): void;
}

const TOOL_STATE: Record<string, string> = {
  running: "running…",
  ok: "done",
  error: "failed",
  approval_required: "needs approval",
};

function toolCard(ctx: ItemViewContext, card: ToolCard): HTMLElement {
  const { doc } = ctx;
  const li = h(
    doc,
    "li",
    { class: "tool", part: "tool-card", "data-status": card.status, "data-tool": card.tool },
    h(doc, "div", { class: "tool-line" }, h(doc, "span", { class: "dot", "aria-hidden": "true" }), h(doc, "span", { class: "tool-name" }, card.tool), h(doc, "span", { class: "tool-state" }, TOOL_STATE[card.status] ?? card.status)),
  );
  if (card.error) li.append(h(doc, "p", { class: "tool-error" }, card.error));
  if (card.shownOnce) {
    for (const [name, value] of Object.entries(card.shownOnce)) {
      li.append(h(doc, "p", { class: "once" }, `${name} (shown once, copy it now): `, h(doc, "code", {}, value)));
    }
  }
  if (card.chartSvg) {
    const figure = h(doc, "figure", { class: "chart", part: "chart" });
    figure.append(ctx.sanitizer.svg(card.chartSvg));
    if (figure.childNodes.length) li.append(figure);
  }
  return li;
}

function argText(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}

function approvalCard(ctx: ItemViewContext, approval: ApprovalCard, key: number): HTMLElement {
  const { doc } = ctx;
  const title = `ff-approval-${key}-title`;
  const summary = `ff-approval-${key}-summary`;
  const args = h(doc, "dl", { class: "args" }, h(doc, "dt", {}, "action"), h(doc, "dd", {}, approval.tool));
  for (const [name, value] of Object.entries(approval.args)) args.append(h(doc, "dt", {}, name), h(doc, "dd", {}, argText(value)));
  const section = h(
    doc,
    "section",
    { class: "approval", part: "approval", role: "group", "aria-labelledby": title, "data-state": approval.state },
    h(doc, "h3", { id: title }, "Approval needed"),
    h(doc, "p", { class: "summary", id: summary }, approval.summary),
    args,
  );
  if (approval.state === "pending") {
    const approve = h(doc, "button", { type: "button", class: "approve", part: "approve", "aria-describedby": summary }, "Approve");
    const reject = h(doc, "button", { type: "button", class: "reject", part: "reject", "aria-describedby": summary }, "Reject");
    approve.addEventListener("click", () => ctx.decide(true));
    reject.addEventListener("click", () => ctx.decide(false));
    section.append(h(doc, "div", { class: "actions" }, approve, reject));
  } else {
    const words = { sending: "Sending your decision…", approved: "Approved", rejected: "Rejected — nothing was changed", expired: "Expired — nothing was changed" }[approval.state];
    section.append(h(doc, "p", { class: "decision" }, words));
  }
  return section;
}

function assistant(ctx: ItemViewContext, item: AssistantItem): HTMLElement {
  const { doc } = ctx;
  const el = h(doc, "article", {
    class: `msg assistant${item.done ? "" : " streaming"}`,
    part: "message message-assistant",
    "data-agent": item.agent ?? undefined,
    "data-kind": item.messageKind ?? undefined,
  });
  el.append(h(doc, "span", { class: "agent", part: "agent" }, item.agent ?? "FlashFusion", h(doc, "span", { class: "sr-only" }, ":")));
  if (item.tools.length) el.append(h(doc, "ul", { class: "tools", "aria-label": "Tools used" }, ...item.tools.map((t) => toolCard(ctx, t))));
  // The approval card states the exact action; the reply that only repeats it is left out.
  const repeatsApproval = item.approval !== null && item.approval.summary !== "" && item.text.includes(item.approval.summary);
  if (item.text && !repeatsApproval) {
    const text = h(doc, "div", { class: "text", part: "text" });
    text.append(ctx.sanitizer.markdown(item.text));
    el.append(text);
  } else if (!item.done && !item.tools.length) {
    el.append(h(doc, "div", { class: "typing", "aria-hidden": "true" }, h(doc, "span"), h(doc, "span"), h(doc, "span")));
  }
  if (item.failed) el.append(h(doc, "p", { class: "failed", role: "alert" }, item.failed));
  if (item.approval) el.append(approvalCard(ctx, item.approval, item.key));
  return el;
}

/** The element for one transcript item. */
export function renderItem(ctx: ItemViewContext, item: Item): HTMLElement {
  const { doc } = ctx;
  switch (item.kind) {
    case "user":
      return h(doc, "article", { class: "msg user", part: "message message-user" }, h(doc, "span", { class: "sr-only" }, "You: "), item.text);
    case "notice":
      return h(doc, "p", { class: `notice ${item.tone}`, part: "notice" }, item.text);
    case "assistant":
      return assistant(ctx, item);
  }
}

const svg = (path: string) =>
  `<svg viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true" focusable="false">${path}</svg>`;

const ICONS = {
  chat: svg('<path d="M21 12a8 8 0 0 1-11.6 7.1L4 20l1-4.6A8 8 0 1 1 21 12z"/>'),
  close: svg('<path d="M6 6l12 12M18 6L6 18"/>'),
  reset: svg('<path d="M3 12a9 9 0 1 0 3-6.7"/><path d="M3 4v5h5"/>'),
  send: svg('<path d="M5 12h14M13 6l6 6-6 6"/>'),
};

/** The element's fixed shell: static markup only; every dynamic text is set with textContent. */
export const SHELL = /* html */ `
<button class="launcher" part="launcher" type="button" aria-label="Open chat" aria-expanded="false" aria-controls="panel">${ICONS.chat}</button>
<section class="panel" part="panel" id="panel" role="dialog" aria-modal="false" aria-labelledby="title" hidden>
  <header class="header" part="header">
    <div class="heading">
      <h2 class="title" part="title" id="title"></h2>
      <p class="subtitle" part="subtitle"></p>
    </div>
    <button class="icon reset" part="reset" type="button" aria-label="Start a new conversation" title="New conversation">${ICONS.reset}</button>
    <button class="icon close" part="close" type="button" aria-label="Close chat" title="Close (Esc)">${ICONS.close}</button>
  </header>
  <div class="scroller" part="body">
    <p class="greeting" part="greeting"></p>
    <div class="log" part="log" role="log" aria-live="polite" aria-relevant="additions" aria-label="Conversation"></div>
    <div class="draft" aria-hidden="true"></div>
  </div>
  <div class="status" part="status" role="status"></div>
  <form class="composer" part="composer">
    <label class="sr-only" for="input">Message</label>
    <textarea class="input" part="input" id="input" rows="1" enterkeyhint="send" aria-describedby="hint"></textarea>
    <button class="send" part="send" type="submit" aria-label="Send message">${ICONS.send}</button>
  </form>
  <p class="hint" part="hint" id="hint">Enter sends · Shift+Enter adds a line · Esc closes</p>
</section>
`;

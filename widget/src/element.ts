import { createChatApi } from "./api.js";
import type { PendingApproval } from "./protocol.js";
import { createSanitizer } from "./sanitize.js";
import { trustedHtml } from "./trusted-types.js";
import { ChatSession, type ChatErrorDetail, type SessionStatus } from "./session.js";
import { STYLES } from "./styles.js";
import { browserStorage, threadKey, threadStore } from "./storage.js";
import { Transcript, type Change, type Item } from "./transcript.js";
import { renderItem, SHELL, type ItemViewContext } from "./view.js";

/** `message` event detail: a message the person sent or a reply that finished. */
export interface ChatMessageDetail {
  role: "user" | "assistant";
  text: string;
  agent: string | null;
  kind: string | null;
  threadId: string | null;
}

export interface ChatApprovalDetail {
  approval: PendingApproval;
  threadId: string | null;
}

export type ChatErrorEventDetail = ChatErrorDetail;

export type TokenProvider = () => string | null | Promise<string | null>;

export interface ChatElementDefaults {
  /** Where the API lives when the element names none: the origin that served widget.js. */
  apiBase: string;
}

const DEFAULT_TEXT = {
  heading: "FlashFusion",
  subtitle: "Ask the agents: orders, analytics, notes, builds, security",
  greeting: "Hi! I can add notes and tasks, look into orders and workflows, analyse your funnel, explain a failed build or scan for secrets. What do you need?",
  placeholder: "Message the agents…",
};

const STATUS_TEXT: Record<Exclude<SessionStatus, "streaming">, string> = {
  idle: "",
  loading: "Loading the conversation…",
  waiting: "Sending…",
  reconnecting: "Connection lost — reconnecting…",
};

/**
 * `<flashfusion-chat>`: the embeddable chat. Attributes: `token` (a widget token `ffwt_…`),
 * `api-base`, `workspace`, `agent`, `heading`, `subtitle`, `greeting`, `placeholder`, `theme`
 * (`dark`), `placement` (`left`), `open`. Methods: `open() close() toggle() reset() send(text)`.
 * Events on the element: `message`, `approval`, `error` (details above).
 */
export function createChatElement(defaults: ChatElementDefaults): CustomElementConstructor {
  // One constructed stylesheet for every instance. Unlike a <style> element it needs no
  // 'unsafe-inline' in the host page's Content-Security-Policy.
  let shared: CSSStyleSheet | null | undefined;
  const styleSheet = (): CSSStyleSheet | null => {
    if (shared !== undefined) return shared;
    try {
      shared = new CSSStyleSheet();
      shared.replaceSync(STYLES);
    } catch {
      shared = null;
    }
    return shared;
  };
  return class FlashFusionChat extends HTMLElement {
    static observedAttributes = ["open", "heading", "subtitle", "greeting", "placeholder", "api-base", "workspace"];

    /** Asked for a widget token when there is none or the server refused the current one. */
    tokenProvider: TokenProvider | null = null;

    #token: string | null = null;
    #tokenPending: Promise<string | null> | null = null;
    #root: ShadowRoot;
    #transcript: Transcript;
    #session: ChatSession | null = null;
    #sessionKey = "";
    #nodes = new Map<number, HTMLElement>();
    #dirty = new Set<Item>();
    #flushScheduled = false;
    #isOpen = false;
    #status = "";
    #view: ItemViewContext;
    #el: {
      launcher: HTMLButtonElement;
      panel: HTMLElement;
      title: HTMLElement;
      subtitle: HTMLElement;
      greeting: HTMLElement;
      scroller: HTMLElement;
      log: HTMLElement;
      draft: HTMLElement;
      status: HTMLElement;
      form: HTMLFormElement;
      input: HTMLTextAreaElement;
      send: HTMLButtonElement;
      reset: HTMLButtonElement;
      close: HTMLButtonElement;
    };

    constructor() {
      super();
      this.#root = this.attachShadow({ mode: "open" });
      const sheet = styleSheet();
      if (sheet) this.#root.adoptedStyleSheets = [sheet];
      else this.#root.append(Object.assign(document.createElement("style"), { textContent: STYLES }));
      const shell = document.createElement("template");
      shell.innerHTML = trustedHtml(window, SHELL);
      this.#root.append(shell.content);
      const q = <T extends Element>(selector: string) => this.#root.querySelector<T & Element>(selector)!;
      this.#el = {
        launcher: q<HTMLButtonElement>(".launcher"),
        panel: q<HTMLElement>(".panel"),
        title: q<HTMLElement>(".title"),
        subtitle: q<HTMLElement>(".subtitle"),
        greeting: q<HTMLElement>(".greeting"),
        scroller: q<HTMLElement>(".scroller"),
        log: q<HTMLElement>(".log"),
        draft: q<HTMLElement>(".draft"),
        status: q<HTMLElement>(".status"),
        form: q<HTMLFormElement>(".composer"),
        input: q<HTMLTextAreaElement>(".input"),
        send: q<HTMLButtonElement>(".send"),
        reset: q<HTMLButtonElement>(".reset"),
        close: q<HTMLButtonElement>(".close"),
      };
      this.#view = {
        doc: document,
        sanitizer: createSanitizer(window),
        decide: (approve) => void this.#decide(approve),
      };
      this.#transcript = new Transcript((change) => this.#onChange(change));
      this.#wire();
      this.#applyText();
    }

    /** The widget token; set it here or in the `token` attribute (never put it in a URL). */
    get token(): string | null {
      return this.#token ?? this.getAttribute("token");
    }

    set token(value: string | null) {
      this.#token = value;
    }

    get isOpen(): boolean {
      return this.#isOpen;
    }

    connectedCallback(): void {
      if (this.hasAttribute("open")) this.open();
    }

    disconnectedCallback(): void {
      this.#session?.dispose();
      this.#session = null;
    }

    attributeChangedCallback(name: string, old: string | null, value: string | null): void {
      if (old === value) return;
      if (name === "open") {
        if (value !== null && !this.#isOpen) this.open();
        if (value === null && this.#isOpen) this.close();
        return;
      }
      if (name === "api-base" || name === "workspace") {
        this.#session?.dispose();
        this.#session = null;
        this.#transcript.clear();
        if (this.#isOpen) void this.#ready().then(() => this.#ensureSession().restore());
        return;
      }
      this.#applyText();
    }

    open(): void {
      if (this.#isOpen) return;
      this.#isOpen = true;
      this.#el.panel.hidden = false;
      this.#el.launcher.setAttribute("aria-expanded", "true");
      if (!this.hasAttribute("open")) this.setAttribute("open", "");
      if (this.isConnected) void this.#ready().then(() => this.#ensureSession().restore());
      this.#scrollToEnd();
      this.#el.input.focus();
    }

    close(): void {
      if (!this.#isOpen) return;
      const hadFocus = this.#root.activeElement !== null;
      this.#isOpen = false;
      this.#el.panel.hidden = true;
      this.#el.launcher.setAttribute("aria-expanded", "false");
      if (this.hasAttribute("open")) this.removeAttribute("open");
      if (hadFocus) this.#el.launcher.focus();
    }

    toggle(): void {
      if (this.#isOpen) this.close();
      else this.open();
    }

    /** Forgets the conversation (on this device) and starts a new one. */
    reset(): void {
      this.#ensureSession().reset();
      this.#el.input.value = "";
      this.#syncSend();
    }

    /** Sends a message as if the person typed it; resolves when its reply has finished. */
    async send(text: string): Promise<void> {
      const message = String(text ?? "").trim();
      if (!message) return;
      if (!this.token && !this.tokenProvider) {
        this.#error({ code: "NO_TOKEN", message: "This chat has no widget token: set the token attribute or tokenProvider." }, true);
        return;
      }
      await this.#ready();
      const session = this.#ensureSession();
      const sending = session.send(message);
      this.#emit<ChatMessageDetail>("message", { role: "user", text: message, agent: null, kind: null, threadId: session.threadId });
      await sending;
    }

    #ensureSession(): ChatSession {
      const apiBase = this.getAttribute("api-base") || defaults.apiBase;
      const workspace = this.getAttribute("workspace") || "default";
      const key = threadKey(apiBase, workspace);
      if (this.#session && this.#sessionKey === key) return this.#session;
      this.#session?.dispose();
      this.#sessionKey = key;
      const api = createChatApi({
        base: apiBase,
        credential: () => this.token,
        refresh: () => this.#refreshToken(),
      });
      this.#session = new ChatSession({
        api,
        transcript: this.#transcript,
        threads: threadStore(browserStorage(), key),
        agent: () => this.getAttribute("agent") || undefined,
        onStatus: (status) => this.#showStatus(status),
        onReply: (item, threadId) => this.#emit<ChatMessageDetail>("message", { role: "assistant", text: item.text, agent: item.agent, kind: item.messageKind, threadId }),
        onApproval: (approval, threadId) => this.#emit<ChatApprovalDetail>("approval", { approval, threadId }),
        onError: (error) => this.#error(error, false),
      });
      return this.#session;
    }

    /** Asks the host for a token first when it gave a provider and no token yet. */
    async #ready(): Promise<void> {
      if (!this.token && this.tokenProvider) await this.#refreshToken();
    }

    /** One call to the host's provider at a time: concurrent askers share its answer. */
    #refreshToken(): Promise<string | null> {
      const provider = this.tokenProvider;
      if (!provider) return Promise.resolve(null);
      this.#tokenPending ??= (async () => {
        try {
          const token = await provider();
          if (token) this.#token = token;
          return token || null;
        } catch (e) {
          this.#error({ code: "TOKEN_PROVIDER", message: `Could not get a token for the chat: ${e instanceof Error ? e.message : String(e)}` }, true);
          return null;
        } finally {
          this.#tokenPending = null;
        }
      })();
      return this.#tokenPending;
    }

    async #decide(approve: boolean): Promise<void> {
      // The buttons go away with the decision: keep keyboard focus in the panel.
      this.#el.input.focus();
      await this.#ensureSession().decide(approve);
    }

    #wire(): void {
      const { launcher, close, reset, form, input, panel } = this.#el;
      launcher.addEventListener("click", () => this.open());
      close.addEventListener("click", () => this.close());
      reset.addEventListener("click", () => this.reset());
      form.addEventListener("submit", (e) => {
        e.preventDefault();
        const text = input.value;
        if (!text.trim()) return;
        input.value = "";
        this.#syncSend();
        void this.send(text);
      });
      input.addEventListener("keydown", (e) => {
        if (e.key === "Enter" && !e.shiftKey && !e.altKey && !e.ctrlKey && !e.metaKey && !e.isComposing) {
          e.preventDefault();
          form.requestSubmit();
        }
      });
      input.addEventListener("input", () => this.#syncSend());
      panel.addEventListener("keydown", (e) => {
        if (e.key === "Escape" && !e.isComposing) {
          e.preventDefault();
          this.close();
        }
      });
      this.#syncSend();
    }

    #syncSend(): void {
      const { input, send } = this.#el;
      send.disabled = !input.value.trim();
      input.style.height = "auto";
      input.style.height = `${Math.min(input.scrollHeight + 2, 144)}px`;
    }

    #applyText(): void {
      const text = (name: keyof typeof DEFAULT_TEXT) => this.getAttribute(name) ?? DEFAULT_TEXT[name];
      this.#el.title.textContent = text("heading");
      this.#el.subtitle.textContent = text("subtitle");
      this.#el.greeting.textContent = text("greeting");
      this.#el.input.placeholder = text("placeholder");
      this.#el.launcher.setAttribute("aria-label", `Open chat: ${text("heading")}`);
    }

    #showStatus(status: SessionStatus): void {
      const text = status === "streaming" ? `${this.#transcript.streaming?.agent ?? "FlashFusion"} is replying…` : STATUS_TEXT[status];
      if (text === this.#status) return;
      this.#status = text;
      this.#el.status.textContent = text;
    }

    #error(detail: ChatErrorDetail, show: boolean): void {
      if (show) this.#transcript.notice(detail.message, "error");
      this.#emit<ChatErrorEventDetail>("error", detail);
    }

    /**
     * Dispatched on the element only: a bubbling `message` or `error` would reach window's
     * listeners for postMessage and script errors, which expect other event types.
     */
    #emit<T>(type: "message" | "approval" | "error", detail: T): void {
      this.dispatchEvent(new CustomEvent<T>(type, { detail }));
    }

    #onChange(change: Change): void {
      if (change.type === "reset") {
        // A whole conversation loaded at once is not read out again, message by message.
        this.#el.log.setAttribute("aria-live", "off");
        setTimeout(() => this.#el.log.setAttribute("aria-live", "polite"), 250);
        for (const node of this.#nodes.values()) node.remove();
        this.#nodes.clear();
        this.#dirty.clear();
        this.#el.greeting.hidden = false;
        return;
      }
      this.#dirty.add(change.item);
      this.#schedule();
    }

    /** Renders at most once a frame, however fast tokens arrive (a timer covers hidden tabs). */
    #schedule(): void {
      if (this.#flushScheduled) return;
      this.#flushScheduled = true;
      let done = false;
      const run = () => {
        if (done) return;
        done = true;
        this.#flushScheduled = false;
        this.#flush();
      };
      requestAnimationFrame(run);
      setTimeout(run, 100);
    }

    #flush(): void {
      const { scroller, log, draft } = this.#el;
      const atEnd = scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < 48;
      for (const item of this.#dirty) {
        if (!this.#transcript.items.includes(item)) continue;
        const el = renderItem(this.#view, item);
        el.dataset.key = String(item.key);
        const old = this.#nodes.get(item.key);
        const target = item.kind === "assistant" && !item.done ? draft : log;
        if (old && old.parentNode === target) old.replaceWith(el);
        else {
          old?.remove();
          if (target === log) this.#insertInOrder(el, item.key);
          else target.append(el);
        }
        this.#nodes.set(item.key, el);
      }
      this.#dirty.clear();
      this.#el.greeting.hidden = !this.#transcript.isEmpty;
      if (atEnd) this.#scrollToEnd();
    }

    /** The log keeps the conversation's order even when a reply finishes after a queued message. */
    #insertInOrder(el: HTMLElement, key: number): void {
      for (const child of Array.from(this.#el.log.children) as HTMLElement[]) {
        if (Number(child.dataset.key) > key) return void this.#el.log.insertBefore(el, child);
      }
      this.#el.log.append(el);
    }

    #scrollToEnd(): void {
      this.#el.scroller.scrollTop = this.#el.scroller.scrollHeight;
    }
  };
}

// Issue 14's "done when", in Debian's Chromium against the real server on the demo data: the
// demo page, streaming, the Note in the database, an approval, a dropped stream recovered,
// stored HTML rendered inert, a reload, keyboard-only use, and screenshots in artifacts/.
import { mkdir, stat } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_ADMIN_EMAIL, DEMO_PASSWORD } from "../cli/seed.js";
import { startTestServer, type TestServer } from "../server/testing/serve.js";
import { storeFor } from "../tools/door.js";
import { browserAvailability, launchChromium } from "./testing/browser.js";
import { startDropProxy, type DropProxy } from "./testing/drop-proxy.js";

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const ARTIFACTS = join(root, "artifacts");
const XSS = "<img src=x onerror=alert(1)>";
const browser = browserAvailability("widget end-to-end test");

const text = async (locator: Locator) => (await locator.textContent()) ?? "";

interface HostMessage {
  role: "user" | "assistant";
  text: string;
  agent: string | null;
  threadId: string | null;
}

describe.skipIf(browser.skip !== null)("the chat widget in Chromium, against the server", () => {
  let server: TestServer;
  let proxy: DropProxy;
  let closeBrowser: () => Promise<void>;
  let page: Page;
  const dialogs: string[] = [];
  const pageErrors: string[] = [];
  const cspViolations: string[] = [];
  const previousDelay = process.env.FLASHFUSION_LOCAL_TOKEN_DELAY_MS;

  const store = () => storeFor(server.runtime.core, "ws_default");
  const input = () => page.locator("flashfusion-chat .input");
  const replies = () => page.locator("flashfusion-chat .log article.msg.assistant");

  /** What has focus inside the widget (its class), or the page's focused element's tag. */
  const focused = () =>
    page.evaluate(() => {
      const chat = document.querySelector("flashfusion-chat")!;
      const inner = chat.shadowRoot!.activeElement as HTMLElement | null;
      return document.activeElement === chat && inner ? `widget:${inner.className}` : `page:${document.activeElement?.localName ?? "none"}`;
    });

  /** The host's view: every `message` event the element dispatched since the page loaded. */
  const hostMessages = () => page.evaluate(() => (window as unknown as { __messages: HostMessage[] }).__messages);

  async function listen(): Promise<void> {
    await page.evaluate(() => {
      const w = window as unknown as { __messages: HostMessage[]; __growth: number[] };
      w.__messages = [];
      w.__growth = [];
      const chat = document.querySelector("flashfusion-chat")!;
      chat.addEventListener("message", (e) => w.__messages.push((e as CustomEvent<HostMessage>).detail));
      // Every length the reply being written shows, in order: the reply visibly growing.
      const draft = chat.shadowRoot!.querySelector(".draft")!;
      new MutationObserver(() => {
        const text = draft.querySelector(".text")?.textContent ?? "";
        if (text && text.length !== w.__growth.at(-1)) w.__growth.push(text.length);
      }).observe(draft, { childList: true, subtree: true, characterData: true });
    });
  }

  async function openPage(): Promise<void> {
    await page.goto(`${proxy.url}/`);
    await page.waitForFunction(() => customElements.get("flashfusion-chat") !== undefined);
    // The sample app signs in as the demo's admin and hands the widget that session's token.
    await page.waitForFunction(() => document.getElementById("who")?.textContent?.startsWith("Signed in as"));
    expect(await text(page.locator("#who"))).toBe("Signed in as Alex Admin · admin@acme.example");
    await listen();
  }

  /** Sends through the composer as a person would, and waits for the reply to finish. */
  async function ask(text: string): Promise<HostMessage> {
    const before = (await hostMessages()).filter((m) => m.role === "assistant").length;
    await page.evaluate(() => ((window as unknown as { __growth: number[] }).__growth = []));
    await input().fill(text);
    await input().press("Enter");
    await page.waitForFunction((n) => (window as unknown as { __messages: HostMessage[] }).__messages.filter((m) => m.role === "assistant").length > n, before, { timeout: 20_000 });
    return (await hostMessages()).filter((m) => m.role === "assistant").at(-1)!;
  }

  beforeAll(async () => {
    // The local provider writes a few words per chunk; paced, the reply visibly grows.
    process.env.FLASHFUSION_LOCAL_TOKEN_DELAY_MS = "120";
    server = await startTestServer({ server: { demo: { workspaceId: "ws_default", account: { email: DEMO_ADMIN_EMAIL, password: DEMO_PASSWORD } } } });
    proxy = await startDropProxy(server.url);
    const launched = await launchChromium(browser.path!, { viewport: { width: 1280, height: 860 } });
    closeBrowser = launched.close;
    page = await launched.context.newPage();
    page.on("dialog", (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    page.on("pageerror", (e) => pageErrors.push(e.message));
    page.on("console", (m) => {
      if (/Content[- ]Security[- ]Policy/i.test(m.text())) cspViolations.push(m.text());
    });
    await mkdir(ARTIFACTS, { recursive: true });
    await openPage();
  }, 60_000);

  afterAll(async () => {
    await closeBrowser?.();
    await proxy?.close();
    await server?.close();
    if (previousDelay === undefined) delete process.env.FLASHFUSION_LOCAL_TOKEN_DELAY_MS;
    else process.env.FLASHFUSION_LOCAL_TOKEN_DELAY_MS = previousDelay;
  });

  it("opens from the demo page; the reply to a note grows in steps; the Note is in the database", async () => {
    expect(await page.locator("h1").textContent()).toBe("Operations, by conversation");
    await page.locator("flashfusion-chat .launcher").click();
    await page.locator("flashfusion-chat .panel").waitFor({ state: "visible" });
    expect(await focused()).toBe("widget:input");

    const reply = await ask("Add note: Call ACME Friday 9am");
    expect(reply).toMatchObject({ agent: "Copilot", text: expect.stringContaining('Saved note "Call ACME"') });
    const growth = await page.evaluate(() => (window as unknown as { __growth: number[] }).__growth);
    const partial = growth.filter((n) => n < reply.text.length);
    expect(partial.length, `the reply grew ${JSON.stringify(growth)} towards ${reply.text.length}`).toBeGreaterThanOrEqual(2);

    // Announced once, finished: the reply being written sits outside the live log, hidden from it.
    const live = await page.evaluate(() => {
      const root = document.querySelector("flashfusion-chat")!.shadowRoot!;
      const log = root.querySelector('[role="log"]')!;
      const draft = root.querySelector(".draft")!;
      return { polite: log.getAttribute("aria-live"), draftHidden: draft.getAttribute("aria-hidden"), draftInLog: log.contains(draft), replies: log.querySelectorAll("article.assistant").length };
    });
    expect(live).toEqual({ polite: "polite", draftHidden: "true", draftInLog: false, replies: 1 });
    const last = replies().last();
    expect(await last.locator(".agent").textContent()).toMatch(/^Copilot/);
    expect(await last.locator(".tool[data-tool=add_note]").getAttribute("data-status")).toBe("ok");
    expect(await last.locator(".text").textContent()).toContain('Saved note "Call ACME"');

    const notes = await store().find("Note", { content: "Call ACME" });
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({ owner_id: "usr_admin" });
    expect(new Date(notes[0]!.remind_at!).getUTCDay()).toBe(5);
    expect(new Date(notes[0]!.remind_at!).getUTCHours()).toBe(9);
  });

  it("shows a note holding HTML as text and runs nothing", async () => {
    const reply = await ask(`Add note: ${XSS}`);
    expect(reply.text).toContain(XSS);
    expect(await replies().last().locator(".text").textContent()).toContain(XSS);
    expect(await store().find("Note", { content: XSS })).toHaveLength(1);
    const images = await page.evaluate(() => document.querySelector("flashfusion-chat")!.shadowRoot!.querySelectorAll("img").length);
    expect(images).toBe(0);
    expect(proxy.seen.filter((r) => r.path === "/x")).toEqual([]);
    expect(dialogs).toEqual([]);
  });

  it("recovers the whole reply when the server drops the stream mid-reply", async () => {
    const dropped = proxy.dropNext({ method: "POST", path: /^\/api\/v1\/chat$/, after: "event: token" });
    const reply = await ask("Show my notes");
    await dropped;
    const cut = proxy.seen.findIndex((r) => r.dropped);
    expect(cut).toBeGreaterThanOrEqual(0);
    const after = proxy.seen.slice(cut + 1).map((r) => `${r.method} ${r.path.replace(/thr_\w+/, "{id}")}`);
    expect(after).toContain("GET /api/v1/threads/{id}/events");
    const resume = proxy.seen.slice(cut + 1).find((r) => r.path.endsWith("/events"))!;
    expect(resume.headers["last-event-id"]).toMatch(/^thr_\w+:\d+$/);
    expect(resume.headers.authorization).toMatch(/^Bearer \S+/);

    // The whole reply, exactly as the server keeps it, on screen and to the host.
    const threadId = reply.threadId!;
    const token = await page.evaluate(() => (document.querySelector("flashfusion-chat") as HTMLElement & { token: string | null }).token);
    const view = (await (await server.fetch(`/api/v1/threads/${threadId}`, { headers: { authorization: `Bearer ${token}`, origin: proxy.url } })).json()) as {
      messages: { role: string; text: string }[];
    };
    const kept = view.messages.at(-1)!;
    expect(kept.role).toBe("assistant");
    expect(reply.text).toBe(kept.text);
    expect(reply.text).toMatch(/^Your notes \(\d+\):/);
    const shown = (await replies().last().locator(".text").innerText()).replace(/\s+/g, " ");
    for (const line of kept.text.split("\n")) expect(shown).toContain(line.replace(/^- /, "").replace(/\s+/g, " ").trim());
    expect(shown).toContain(XSS);
    expect(await page.locator("flashfusion-chat .notice.error").count()).toBe(0);
    expect(dialogs).toEqual([]);
  });

  it("holds a rollback for approval and shows the result once Approve is clicked", async () => {
    await ask("Rollback workflow exec_1234");
    const card = page.locator("flashfusion-chat .approval").last();
    await expect.poll(() => text(card)).toContain("Roll back workflow exec_1234");
    expect(await card.locator("dd").filter({ hasText: "exec_1234" }).count()).toBe(1);
    expect((await store().get("WorkflowExecution", "exec_1234"))?.status).toBe("completed");

    await card.getByRole("button", { name: "Approve" }).click();
    await expect.poll(() => text(replies().last().locator(".text")), { timeout: 20_000 }).toContain("Rolled back workflow exec_1234");
    expect(await card.getAttribute("data-state")).toBe("approved");
    expect((await store().get("WorkflowExecution", "exec_1234"))?.status).toBe("rolled_back");
    expect(await text(page.locator("#events"))).toMatch(/\bapproval\b.*Roll back workflow exec_1234/);
  });

  it("keeps the conversation across a reload, a decided approval shown as decided", async () => {
    const said = (await hostMessages()).filter((m) => m.role === "user").map((m) => m.text);
    const lastReply = (await replies().last().locator(".text").innerText()).trim();
    await openPage();
    await page.locator("flashfusion-chat .launcher").click();
    await expect.poll(() => page.locator("flashfusion-chat .log article.msg.user").count(), { timeout: 10_000 }).toBe(said.length);
    const shown = await page.locator("flashfusion-chat .log article.msg.user").allInnerTexts();
    expect(shown.map((t) => t.replace(/^You:\s*/, "").trim())).toEqual(said);
    expect((await replies().last().locator(".text").innerText()).trim()).toBe(lastReply);
    // The rollback approved before the reload reads back as decided: no buttons to press again.
    const card = page.locator("flashfusion-chat .approval").last();
    expect(await card.getAttribute("data-state")).toBe("approved");
    expect(await text(card)).toContain("Roll back workflow exec_1234");
    expect(await card.getByRole("button").count()).toBe(0);
    await page.locator("flashfusion-chat .close").click();
  });

  it("works from the keyboard alone", async () => {
    const other = (await store().find("WorkflowExecution", { status: "completed" })).find((e) => e.id !== "exec_1234")!;
    await page.locator("body").focus();
    for (let i = 0; i < 40 && (await focused()) !== "widget:launcher"; i++) await page.keyboard.press("Tab");
    expect(await focused()).toBe("widget:launcher");

    await page.keyboard.press("Enter");
    expect(await focused()).toBe("widget:input");
    await page.keyboard.type("first line");
    await page.keyboard.press("Shift+Enter");
    await page.keyboard.type("second line");
    expect(await input().inputValue()).toBe("first line\nsecond line");
    await page.keyboard.press("ControlOrMeta+a");
    await page.keyboard.press("Backspace");

    const before = await replies().count();
    await page.keyboard.type(`Roll back ${other.id}`);
    await page.keyboard.press("Enter");
    await expect.poll(() => replies().count(), { timeout: 20_000 }).toBe(before + 1);
    expect(await text(page.locator("flashfusion-chat .approval").last())).toContain(other.id);
    // From the input, backwards: Reject, then Approve.
    await page.keyboard.press("Shift+Tab");
    expect(await focused()).toBe("widget:reject");
    await page.keyboard.press("Shift+Tab");
    expect(await focused()).toBe("widget:approve");
    await page.keyboard.press("Space");
    expect(await focused()).toBe("widget:input");
    await expect.poll(() => text(replies().last().locator(".text")), { timeout: 20_000 }).toContain(`Rolled back workflow ${other.id}`);
    expect((await store().get("WorkflowExecution", other.id))?.status).toBe("rolled_back");

    // Every button has a name a screen reader can say.
    const unnamed = await page.evaluate(() =>
      Array.from(document.querySelector("flashfusion-chat")!.shadowRoot!.querySelectorAll("button"))
        .filter((b) => !(b.getAttribute("aria-label") || b.textContent?.trim()))
        .map((b) => b.className),
    );
    expect(unnamed).toEqual([]);

    await page.keyboard.press("Escape");
    await page.locator("flashfusion-chat .panel").waitFor({ state: "hidden" });
    expect(await focused()).toBe("widget:launcher");
  });

  it("saves screenshots of the open widget, default and themed", async () => {
    await page.locator("flashfusion-chat .launcher").click();
    await page.waitForTimeout(250);
    await page.screenshot({ path: join(ARTIFACTS, "widget-default.png") });
    await page.locator(".theme button[data-theme=teal]").click();
    expect(await page.locator("flashfusion-chat").getAttribute("class")).toBe("teal");
    const accent = await page.locator("flashfusion-chat .send").evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(accent).toBe("rgb(15, 118, 110)");
    await page.screenshot({ path: join(ARTIFACTS, "widget-themed.png") });
    for (const file of ["widget-default.png", "widget-themed.png"]) expect((await stat(join(ARTIFACTS, file))).size).toBeGreaterThan(10_000);
    expect(pageErrors).toEqual([]);
    expect(cspViolations).toEqual([]);
    expect(dialogs).toEqual([]);
  });

  it("speaks for a customer on another site with a widget token its backend minted", async () => {
    // The shop's backend mints a token for its signed-in customer, for the shop's origin.
    let html = "";
    const shop = createServer((_req, res) => {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      res.end(html);
    });
    await new Promise<void>((resolve) => shop.listen(0, "127.0.0.1", resolve));
    const shopOrigin = `http://127.0.0.1:${(shop.address() as AddressInfo).port}`;
    try {
      const key = await server.makeKey("shop widget", ["chat"]);
      const minted = await server.fetch("/api/v1/widget/token", {
        headers: { authorization: `Bearer ${key}` },
        json: { user: { email: "shopper@example.com", full_name: "Sam Shopper" }, allowed_origins: [shopOrigin] },
      });
      expect(minted.status).toBe(201);
      const { token, user_id } = (await minted.json()) as { token: string; user_id: string };
      html = `<!doctype html><title>Shop</title><h1>Shop</h1><script src="${proxy.url}/widget.js"></script><flashfusion-chat workspace="ws_default" token="${token}"></flashfusion-chat>`;

      const shopPage = await page.context().newPage();
      shopPage.on("pageerror", (e) => pageErrors.push(e.message));
      const from = proxy.seen.length;
      await shopPage.goto(shopOrigin);
      await shopPage.locator("flashfusion-chat .launcher").click();
      await shopPage.locator("flashfusion-chat .input").fill("Add note: Ask about bulk discounts");
      await shopPage.locator("flashfusion-chat .input").press("Enter");
      await expect.poll(() => text(shopPage.locator("flashfusion-chat .log article.msg.assistant .text")), { timeout: 20_000 }).toContain('Saved note "Ask about bulk discounts"');

      const notes = await store().find("Note", { content: "Ask about bulk discounts" });
      expect(notes.map((n) => n.owner_id)).toEqual([user_id]);
      const calls = proxy.seen.slice(from).filter((r) => r.path.startsWith("/api/"));
      expect(calls.map((r) => r.method)).toContain("OPTIONS");
      const post = calls.find((r) => r.method === "POST")!;
      expect(post.headers.origin).toBe(shopOrigin);
      expect(post.headers.authorization).toBe(`Bearer ${token}`);
      expect(calls.filter((r) => r.path.includes("ffwt_"))).toEqual([]);
      expect(await shopPage.evaluate(() => Object.keys(localStorage))).toEqual([`flashfusion-chat:v1:thread:${proxy.url}|ws_default`]);

      // The same token from a page of any other origin is refused.
      const elsewhere = await page.evaluate(async (t) => {
        const res = await fetch("/api/v1/chat", { method: "POST", headers: { authorization: `Bearer ${t}`, "content-type": "application/json" }, body: JSON.stringify({ message: "hi" }) });
        return res.status;
      }, token);
      expect(elsewhere).toBe(403);
      await shopPage.close();
    } finally {
      shop.closeAllConnections();
      await new Promise<void>((resolve) => shop.close(() => resolve()));
    }
  });
});

if (browser.skip !== null && browser.required) {
  it("the chat widget in Chromium: required by FLASHFUSION_REQUIRE_E2E=1", () => {
    throw new Error(`FLASHFUSION_REQUIRE_E2E=1 but ${browser.skip}`);
  });
}

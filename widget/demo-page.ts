import { escapeHtml } from "./src/markdown.js";
import { POLICY_NAME } from "./src/trusted-types.js";

export interface DemoPageOptions {
  /**
   * The demo's staff account (published with the demo data). The page signs in with it like any
   * web app and gives the widget the session's access token; a widget token would not do here,
   * as it speaks only for customers, and the demo's rollback needs staff.
   */
  account: { email: string; password: string };
  /** The workspace the account belongs to: the widget keeps one thread per site and workspace. */
  workspace: string;
  /** A fresh random value per response, for the page's Content-Security-Policy. */
  nonce: string;
  /** Where the widget script is served (default `/widget.js`). */
  scriptSrc?: string;
}

export interface DemoPage {
  html: string;
  /** The page's policy: its own inline code by nonce, the widget and the API from this origin. */
  csp: string;
}

/** Commands that show each agent at work on the demo data (`flashfusion seed`). */
export const DEMO_COMMANDS: readonly { agent: string; command: string; shows: string }[] = [
  { agent: "Copilot", command: "Add note: Call ACME Friday 9am", shows: "a note with a reminder" },
  { agent: "SignalSage", command: "Weekly funnel /signup → /checkout with 7-day forecast", shows: "a funnel chart" },
  { agent: "FlowDirector", command: "Rollback workflow exec_1234", shows: "an approval before anything changes" },
  { agent: "CICDAssistant", command: "Why did build #1234 fail?", shows: "a failure explained from its logs" },
  { agent: "SecurityAuditor", command: "Run security scan on webapp-pipeline", shows: "CVSS-scored findings" },
  { agent: "Copilot", command: "Show my projects", shows: "your own rows only" },
];

const PAGE_CSS = /* css */ `
:root { color-scheme: light; --ink: #111827; --muted: #6b7280; --line: #e5e7eb; --brand: #4f46e5; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: #f8fafc; }
header.app { display: flex; align-items: center; gap: 16px; padding: 14px 28px; background: #fff; border-bottom: 1px solid var(--line); }
.logo { font-weight: 700; letter-spacing: -0.01em; }
.logo span { color: var(--brand); }
nav { display: flex; gap: 18px; color: var(--muted); }
.who { margin-left: auto; color: var(--muted); font-size: 0.9em; }
main { max-width: 980px; margin: 0 auto; padding: 32px 28px 120px; }
h1 { font-size: 1.7em; margin: 0 0 6px; letter-spacing: -0.02em; }
.lead { color: var(--muted); margin: 0 0 28px; max-width: 60ch; }
h2 { font-size: 1.05em; margin: 32px 0 12px; }
.grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(280px, 1fr)); gap: 12px; }
.try { text-align: left; font: inherit; color: inherit; background: #fff; border: 1px solid var(--line); border-radius: 12px; padding: 14px 16px; cursor: pointer; }
.try:hover { border-color: var(--brand); }
.try:focus-visible, .theme button:focus-visible { outline: 2px solid var(--brand); outline-offset: 2px; }
.try .agent { display: block; font-size: 0.78em; font-weight: 600; color: var(--brand); text-transform: uppercase; letter-spacing: 0.04em; }
.try .cmd { display: block; font-weight: 600; margin: 2px 0; }
.try .shows { display: block; color: var(--muted); font-size: 0.88em; }
.theme { display: flex; gap: 8px; }
.theme button { font: inherit; padding: 6px 14px; border-radius: 999px; border: 1px solid var(--line); background: #fff; cursor: pointer; }
.theme button[aria-pressed="true"] { background: var(--ink); color: #fff; border-color: var(--ink); }
pre { background: #0f172a; color: #e2e8f0; padding: 14px 16px; border-radius: 12px; overflow-x: auto; font-size: 0.86em; }
#events { list-style: none; padding: 0; margin: 0; font: 0.85em/1.5 ui-monospace, SFMono-Regular, Menlo, monospace; color: var(--muted); max-height: 180px; overflow-y: auto; }
#events li { border-bottom: 1px dashed var(--line); padding: 4px 0; }
/* The themed variant: the widget's custom properties and parts, set from the host page. */
flashfusion-chat.teal { --ff-accent: #0f766e; --ff-surface: #ecfdf5; --ff-radius: 6px; --ff-font: Georgia, "Times New Roman", serif; }
flashfusion-chat.teal::part(launcher) { border-radius: 14px; }
flashfusion-chat.teal::part(header) { background: #0f766e; color: #fff; }
flashfusion-chat.teal::part(subtitle), flashfusion-chat.teal::part(close), flashfusion-chat.teal::part(reset) { color: #ccfbf1; }
`;

const PAGE_JS = /* js */ `
const chat = document.querySelector("flashfusion-chat");
const who = document.getElementById("who");
const account = JSON.parse(document.getElementById("demo-account").textContent);

async function post(path, body) {
  const res = await fetch(path, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  const answer = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error(answer.message || "the server answered " + res.status);
  return answer;
}

// Sign in as the app would, and hand the widget the session's short-lived access token;
// when the server refuses it (expired), the widget asks again and gets a refreshed one.
let session = post("/api/v1/auth/login", account).then(
  (s) => { who.textContent = "Signed in as " + s.user.full_name + " · " + s.user.email; return s; },
  (e) => { who.textContent = "Could not sign in to the demo account (" + e.message + "). Start the server with npm start: it seeds the demo data into an empty database."; throw e; },
);
let handedOut = false;
chat.tokenProvider = async () => {
  let s = await session;
  if (handedOut) s = await (session = post("/api/v1/auth/refresh", { refresh_token: s.refresh_token }));
  handedOut = true;
  return s.access_token;
};

for (const button of document.querySelectorAll("button.try")) {
  button.addEventListener("click", () => { chat.open(); chat.send(button.dataset.command); });
}
const themes = { default: [null, ""], dark: ["dark", ""], teal: [null, "teal"] };
for (const button of document.querySelectorAll(".theme button")) {
  button.addEventListener("click", () => {
    const [theme, cls] = themes[button.dataset.theme];
    if (theme) chat.setAttribute("theme", theme); else chat.removeAttribute("theme");
    chat.className = cls;
    for (const b of document.querySelectorAll(".theme button")) b.setAttribute("aria-pressed", String(b === button));
  });
}
const events = document.getElementById("events");
for (const type of ["message", "approval", "error"]) {
  chat.addEventListener(type, (e) => {
    const d = e.detail;
    const what = type === "message" ? d.role + (d.agent ? " (" + d.agent + ")" : "") + ": " + d.text
      : type === "approval" ? d.approval.summary : d.code + ": " + d.message;
    const li = document.createElement("li");
    li.textContent = new Date().toLocaleTimeString() + "  " + type + "  " + what.slice(0, 160);
    events.prepend(li);
  });
}
`;

/**
 * The page `npm start` serves at `/`: a small sample app of the demo company (its staff's
 * operations console) with the widget on it, as a product team would embed it — one script tag
 * and one element, given the signed-in person's own short-lived token. No API key is in the page.
 */
export function demoPage(options: DemoPageOptions): DemoPage {
  const nonce = escapeHtml(options.nonce);
  // JSON inside <script type="application/json">: no "<" may close the element early.
  const account = JSON.stringify({ email: options.account.email, password: options.account.password }).replace(/</g, "\\u003c");
  const src = escapeHtml(options.scriptSrc ?? "/widget.js");
  const cards = DEMO_COMMANDS.map(
    (c) =>
      `<button type="button" class="try" data-command="${escapeHtml(c.command)}"><span class="agent">${escapeHtml(c.agent)}</span><span class="cmd">${escapeHtml(c.command)}</span><span class="shows">${escapeHtml(c.shows)}</span></button>`,
  ).join("\n        ");
  const html = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Acme Operations · FlashFusion demo</title>
  <link rel="icon" href="data:,">
  <style nonce="${nonce}">${PAGE_CSS}</style>
</head>
<body>
  <header class="app">
    <div class="logo">Acme<span>Ops</span></div>
    <nav aria-label="Sections"><span>Orders</span><span>Analytics</span><span>Pipelines</span><span>Security</span></nav>
    <div class="who" id="who" role="status">Signing in…</div>
  </header>
  <main>
    <h1>Operations, by conversation</h1>
    <p class="lead">This is a sample host app on FlashFusion's demo data. The chat in the corner is the
      embeddable widget: one script tag and one element. Five agents answer in it — try a command.</p>

    <h2 id="try">Try a command</h2>
    <div class="grid" role="group" aria-labelledby="try">
        ${cards}
    </div>

    <h2 id="theme">Theme the widget</h2>
    <div class="theme" role="group" aria-labelledby="theme">
      <button type="button" data-theme="default" aria-pressed="true">Default</button>
      <button type="button" data-theme="dark" aria-pressed="false">Dark</button>
      <button type="button" data-theme="teal" aria-pressed="false">Teal (custom properties + ::part)</button>
    </div>

    <h2>Embed it in your app</h2>
<pre><code>&lt;script src="https://your-flashfusion-server/widget.js" defer&gt;&lt;/script&gt;
&lt;flashfusion-chat token="ffwt_… minted by your backend" workspace="your-workspace"&gt;&lt;/flashfusion-chat&gt;

# your backend, with an API key that has the chat permission:
curl -X POST https://your-flashfusion-server/api/v1/widget/token \\
  -H "Authorization: Bearer ffai_…" -H "Content-Type: application/json" \\
  -d '{"user":{"email":"ada@example.com"},"allowed_origins":["https://app.example.com"]}'</code></pre>

    <h2 id="log">Widget events</h2>
    <ul id="events" aria-labelledby="log"></ul>
  </main>

  <flashfusion-chat heading="Acme Assistant" workspace="${escapeHtml(options.workspace)}"></flashfusion-chat>
  <script type="application/json" id="demo-account">${account}</script>
  <script src="${src}"></script>
  <script nonce="${nonce}">${PAGE_JS}</script>
</body>
</html>
`;
  const csp = [
    "default-src 'none'",
    "script-src 'self' 'nonce-" + options.nonce + "'",
    "style-src 'self' 'nonce-" + options.nonce + "'",
    "connect-src 'self'",
    "img-src 'self' data:",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
    // Trusted Types enforced, as a strict host would: the widget writes HTML through its own policy only.
    "require-trusted-types-for 'script'",
    `trusted-types ${POLICY_NAME}`,
  ].join("; ");
  return { html, csp };
}

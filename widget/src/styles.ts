/**
 * The widget's stylesheet. Everything a host page may change is a custom property on the
 * element (`flashfusion-chat { --ff-accent: #0f766e }`) or a part
 * (`flashfusion-chat::part(launcher) { … }`); the page's own styles do not leak in.
 */
export const STYLES = /* css */ `
:host {
  all: initial;
  --ff-accent: #4f46e5;
  --ff-accent-contrast: #ffffff;
  --ff-bg: #ffffff;
  --ff-fg: #111827;
  --ff-muted: #6b7280;
  --ff-border: #e5e7eb;
  --ff-surface: #f3f4f6;
  --ff-user-bg: var(--ff-accent);
  --ff-user-fg: var(--ff-accent-contrast);
  --ff-danger: #b91c1c;
  --ff-success: #047857;
  --ff-warning: #b45309;
  --ff-focus: var(--ff-accent);
  --ff-font: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  --ff-font-size: 14px;
  --ff-radius: 16px;
  --ff-panel-width: 380px;
  --ff-panel-height: 600px;
  --ff-offset: 20px;
  --ff-z-index: 2147483000;
  --ff-shadow: 0 12px 40px rgba(17, 24, 39, 0.18), 0 2px 8px rgba(17, 24, 39, 0.08);
  position: fixed;
  right: var(--ff-offset);
  bottom: var(--ff-offset);
  z-index: var(--ff-z-index);
  display: block;
  font-family: var(--ff-font);
  font-size: var(--ff-font-size);
  line-height: 1.45;
  color: var(--ff-fg);
}
:host([theme="dark"]) {
  --ff-accent: #818cf8;
  --ff-accent-contrast: #0b1020;
  --ff-bg: #111827;
  --ff-fg: #f3f4f6;
  --ff-muted: #9ca3af;
  --ff-border: #374151;
  --ff-surface: #1f2937;
  --ff-danger: #f87171;
  --ff-success: #34d399;
  --ff-warning: #fbbf24;
}
:host([placement="left"]) { right: auto; left: var(--ff-offset); }
*, *::before, *::after { box-sizing: border-box; }
[hidden] { display: none !important; }
.sr-only {
  position: absolute; width: 1px; height: 1px; padding: 0; margin: -1px;
  overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0;
}
button { font: inherit; color: inherit; cursor: pointer; }
button:focus-visible, textarea:focus-visible, a:focus-visible {
  outline: 2px solid var(--ff-focus); outline-offset: 2px;
}

.launcher {
  width: 56px; height: 56px; border-radius: 50%; border: 0;
  background: var(--ff-accent); color: var(--ff-accent-contrast);
  box-shadow: var(--ff-shadow);
  display: grid; place-items: center;
  transition: transform 120ms ease;
}
.launcher:hover { transform: scale(1.05); }
.launcher svg { width: 26px; height: 26px; }
:host([open]) .launcher { display: none; }

.panel {
  position: absolute; right: 0; bottom: 0;
  width: min(var(--ff-panel-width), calc(100vw - 2 * var(--ff-offset)));
  height: min(var(--ff-panel-height), calc(100vh - 2 * var(--ff-offset)));
  display: flex; flex-direction: column;
  background: var(--ff-bg); color: var(--ff-fg);
  border: 1px solid var(--ff-border); border-radius: var(--ff-radius);
  box-shadow: var(--ff-shadow);
  overflow: hidden;
  animation: ff-rise 160ms ease-out;
}
:host([placement="left"]) .panel { right: auto; left: 0; }
@keyframes ff-rise { from { opacity: 0; transform: translateY(8px); } }

.header {
  display: flex; align-items: center; gap: 4px;
  padding: 12px 8px 12px 16px;
  border-bottom: 1px solid var(--ff-border);
}
.heading { flex: 1; min-width: 0; }
.title { margin: 0; font-size: 1.05em; font-weight: 650; }
.subtitle { margin: 0; color: var(--ff-muted); font-size: 0.85em; }
.icon {
  width: 34px; height: 34px; border: 0; border-radius: 8px; background: transparent;
  display: grid; place-items: center; color: var(--ff-muted);
}
.icon:hover { background: var(--ff-surface); color: var(--ff-fg); }
.icon svg { width: 18px; height: 18px; }

.scroller { flex: 1; overflow-y: auto; padding: 16px; overscroll-behavior: contain; }
.greeting { margin: 0 0 12px; color: var(--ff-muted); }
.log, .draft { display: flex; flex-direction: column; gap: 12px; }
.draft:not(:empty) { margin-top: 12px; }

.msg { max-width: 92%; overflow-wrap: anywhere; }
.msg.user {
  align-self: flex-end; white-space: pre-wrap;
  background: var(--ff-user-bg); color: var(--ff-user-fg);
  padding: 8px 12px; border-radius: 14px 14px 4px 14px;
}
.msg.assistant { align-self: flex-start; width: 92%; }
.agent { display: block; font-size: 0.78em; font-weight: 600; color: var(--ff-muted); margin: 0 0 4px 2px; letter-spacing: 0.02em; }
.text {
  background: var(--ff-surface); padding: 8px 12px; border-radius: 14px 14px 14px 4px;
}
.text:empty { display: none; }
.text > :first-child { margin-top: 0; }
.text > :last-child { margin-bottom: 0; }
.text p, .text ul, .text ol, .text pre { margin: 0 0 0.6em; }
.text ul, .text ol { padding-left: 1.3em; }
.text code { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: 0.92em; background: rgba(127,127,127,0.14); padding: 0.05em 0.3em; border-radius: 4px; }
.text pre { overflow-x: auto; padding: 8px; background: rgba(127,127,127,0.14); border-radius: 8px; }
.text pre code { background: none; padding: 0; }
.text a { color: var(--ff-accent); }
.msg.streaming .text > :last-child::after {
  content: ""; display: inline-block; width: 0.5em; height: 1em; margin-left: 2px;
  vertical-align: text-bottom; background: currentColor; opacity: 0.5;
  animation: ff-blink 1s steps(2) infinite;
}
@keyframes ff-blink { 50% { opacity: 0; } }
.typing { display: inline-flex; gap: 4px; padding: 10px 12px; background: var(--ff-surface); border-radius: 14px; }
.typing span { width: 6px; height: 6px; border-radius: 50%; background: var(--ff-muted); animation: ff-bounce 1s infinite; }
.typing span:nth-child(2) { animation-delay: 0.15s; }
.typing span:nth-child(3) { animation-delay: 0.3s; }
@keyframes ff-bounce { 50% { transform: translateY(-3px); opacity: 0.5; } }
.failed { color: var(--ff-danger); margin: 6px 2px 0; font-size: 0.9em; }
.notice { align-self: center; text-align: center; font-size: 0.88em; color: var(--ff-muted); max-width: 95%; }
.notice.error { color: var(--ff-danger); }

.tools { list-style: none; margin: 0 0 6px; padding: 0; display: flex; flex-direction: column; gap: 6px; }
.tool {
  border: 1px solid var(--ff-border); border-radius: 10px; padding: 6px 10px;
  font-size: 0.88em; background: var(--ff-bg);
}
.tool-line { display: flex; align-items: center; gap: 8px; }
.tool-name { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; }
.tool-state { margin-left: auto; color: var(--ff-muted); }
.tool[data-status="ok"] .tool-state { color: var(--ff-success); }
.tool[data-status="error"] .tool-state { color: var(--ff-danger); }
.tool[data-status="approval_required"] .tool-state { color: var(--ff-warning); }
.tool-error { margin: 4px 0 0; color: var(--ff-danger); }
.dot { width: 8px; height: 8px; border-radius: 50%; background: currentColor; flex: none; }
.tool[data-status="running"] .dot { animation: ff-bounce 1s infinite; color: var(--ff-accent); }
.tool[data-status="ok"] .dot { color: var(--ff-success); }
.tool[data-status="error"] .dot { color: var(--ff-danger); }
.tool[data-status="approval_required"] .dot { color: var(--ff-warning); }
.chart { margin: 8px 0 2px; overflow-x: auto; }
.chart svg { display: block; max-width: 100%; height: auto; border-radius: 6px; }
.once { margin: 6px 0 0; }
.once code { user-select: all; }

.approval {
  margin-top: 8px; border: 1px solid var(--ff-warning); border-radius: 12px; padding: 10px 12px;
  background: color-mix(in srgb, var(--ff-warning) 7%, var(--ff-bg));
}
.approval h3 { margin: 0 0 4px; font-size: 0.95em; }
.summary { margin: 0 0 6px; white-space: pre-line; }
.args { display: grid; grid-template-columns: max-content 1fr; gap: 2px 10px; margin: 0 0 8px; font-size: 0.88em; }
.args dt { color: var(--ff-muted); }
.args dd { margin: 0; font-family: ui-monospace, SFMono-Regular, Menlo, monospace; overflow-wrap: anywhere; }
.actions { display: flex; gap: 8px; }
.actions button { border-radius: 8px; padding: 6px 14px; font-weight: 600; border: 1px solid var(--ff-border); background: var(--ff-bg); }
.actions .approve { background: var(--ff-accent); color: var(--ff-accent-contrast); border-color: var(--ff-accent); }
.decision { margin: 0; font-weight: 600; }
.approval[data-state="approved"] .decision { color: var(--ff-success); }
.approval[data-state="rejected"] .decision { color: var(--ff-muted); }

.status { min-height: 0; padding: 0 16px; color: var(--ff-muted); font-size: 0.82em; }
.status:not(:empty) { padding: 4px 16px; }
.composer { display: flex; align-items: flex-end; gap: 8px; padding: 10px 12px 6px; border-top: 1px solid var(--ff-border); }
.input {
  flex: 1; resize: none; max-height: 9em; min-height: 40px;
  font: inherit; color: var(--ff-fg); background: var(--ff-bg);
  border: 1px solid var(--ff-border); border-radius: 12px; padding: 9px 12px;
}
.send {
  width: 40px; height: 40px; border: 0; border-radius: 12px; flex: none;
  background: var(--ff-accent); color: var(--ff-accent-contrast);
  display: grid; place-items: center;
}
.send:disabled { opacity: 0.45; cursor: default; }
.send svg { width: 18px; height: 18px; }
.hint { margin: 0; padding: 0 14px 8px; color: var(--ff-muted); font-size: 0.75em; }

@media (max-width: 480px) {
  :host([open]) { inset: 0; }
  .panel { position: fixed; inset: 0; width: auto; height: auto; border-radius: 0; border: 0; }
}
@media (prefers-reduced-motion: reduce) {
  *, *::before, *::after { animation: none !important; transition: none !important; }
}
`;

// The browser entry of widget.js: defines <flashfusion-chat> once. The API defaults to the
// origin that served this script, so `<script src="https://api.example.com/widget.js">` is all
// a page needs besides the element and its token.
import { createChatElement } from "./element.js";

const TAG = "flashfusion-chat";

function scriptOrigin(): string {
  const script = document.currentScript;
  if (script instanceof HTMLScriptElement && script.src) {
    try {
      return new URL(script.src).origin;
    } catch {
      // fall through to the page's origin
    }
  }
  return location.origin;
}

if (!customElements.get(TAG)) customElements.define(TAG, createChatElement({ apiBase: scriptOrigin() }));

import DOMPurify from "dompurify";
import { createMarkdown } from "./markdown.js";
import { widgetPolicy } from "./trusted-types.js";

export interface Sanitizer {
  /** A reply's Markdown as safe nodes: formatting and http(s)/mailto links only. */
  markdown(text: string): DocumentFragment;
  /** A chart's SVG as safe nodes: shapes and text only, nothing that runs or fetches. */
  svg(svg: string): DocumentFragment;
}

/** Charts are a few KB; anything far larger is not one of ours. */
const MAX_SVG = 512 * 1024;

/**
 * The second layer of safe rendering (after markdown.ts): DOMPurify, in its own instance so
 * its hooks touch nobody else's, over the page's window.
 */
export function createSanitizer(window: Window & typeof globalThis): Sanitizer {
  const purify = DOMPurify(window);
  // Under Trusted Types DOMPurify parses and returns through the widget's one policy, not a
  // "dompurify" policy of its own per widget (a page may refuse a second of one name).
  const policy = widgetPolicy(window);
  const toHtml = createMarkdown();
  purify.addHook("afterSanitizeAttributes", (node) => {
    if (node.nodeName === "A" && node.hasAttribute("href")) {
      node.setAttribute("target", "_blank");
      node.setAttribute("rel", "noopener noreferrer nofollow");
    }
  });
  return {
    markdown(text) {
      return purify.sanitize(toHtml(text), {
        USE_PROFILES: { html: true },
        FORBID_TAGS: ["img", "picture", "video", "audio", "source", "iframe", "form", "input", "button", "textarea", "select", "style", "link", "meta", "base"],
        FORBID_ATTR: ["style", "id", "name", "srcset", "action", "formaction"],
        ALLOWED_URI_REGEXP: /^(?:https?:|mailto:)/i,
        ALLOW_DATA_ATTR: false,
        RETURN_DOM_FRAGMENT: true,
        ...(policy ? { TRUSTED_TYPES_POLICY: policy } : {}),
      });
    },
    svg(svg) {
      if (svg.length > MAX_SVG) return window.document.createDocumentFragment();
      return purify.sanitize(svg, {
        USE_PROFILES: { svg: true, svgFilters: true },
        ADD_ATTR: ["role"],
        FORBID_TAGS: ["a", "use", "image", "foreignObject", "style", "script", "animate", "set", "animateMotion", "animateTransform"],
        FORBID_ATTR: ["href", "xlink:href", "style", "id"],
        ALLOW_DATA_ATTR: false,
        RETURN_DOM_FRAGMENT: true,
        ...(policy ? { TRUSTED_TYPES_POLICY: policy } : {}),
      });
    },
  };
}

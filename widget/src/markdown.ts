import { Marked } from "marked";

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

/**
 * Markdown to HTML for replies. The first of two layers: raw HTML in the text (a model's, or a
 * stored note's quoted back) is shown as text, and images become their alt text — a reply
 * never loads a URL on its own, so it cannot leak data through an image request. The HTML
 * still goes through DOMPurify (sanitize.ts) before it reaches the page.
 */
export function createMarkdown(): (text: string) => string {
  const marked = new Marked({
    gfm: true,
    breaks: true,
    async: false,
    renderer: {
      html: ({ text }) => escapeHtml(text),
      image: ({ text }) => escapeHtml(text),
    },
  });
  return (text) => marked.parse(text, { async: false });
}

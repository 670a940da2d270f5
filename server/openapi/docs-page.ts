type Json = Record<string, any>;

const escape = (text: unknown) =>
  String(text).replace(/[&<>"']/g, (ch) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[ch]!);

const paragraphs = (text: string) =>
  text
    .split(/\n{2,}/)
    .map((p) => `<p>${escape(p).replace(/`([^`]+)`/g, "<code>$1</code>")}</p>`)
    .join("");

function schemaBlock(schema: unknown): string {
  return `<details><summary>schema</summary><pre>${escape(JSON.stringify(schema, null, 2))}</pre></details>`;
}

function operationHtml(method: string, path: string, op: Json): string {
  const params = (op.parameters ?? []) as Json[];
  const paramRows = params
    .map((p) => `<tr><td><code>${escape(p.name)}</code></td><td>${escape(p.in)}</td><td>${p.required ? "yes" : ""}</td><td>${escape(p.description ?? p.schema?.type ?? "")}</td></tr>`)
    .join("");
  const body = op.requestBody ? `<h4>Body</h4>${schemaBlock(op.requestBody.content["application/json"].schema)}` : "";
  const responses = Object.entries(op.responses as Json)
    .map(([status, r]) => {
      const content = r.content ? Object.values(r.content as Json)[0]?.schema : undefined;
      return `<li><b>${escape(status)}</b> ${escape(r.description)}${content && !content.$ref ? schemaBlock(content) : ""}</li>`;
    })
    .join("");
  return `<section id="${escape(op.operationId)}">
<h3><span class="m ${escape(method)}">${escape(method.toUpperCase())}</span> <code>${escape(path)}</code></h3>
<p class="summary">${escape(op.summary)}</p>${paragraphs(op.description ?? "")}
${paramRows ? `<h4>Parameters</h4><table><tr><th>name</th><th>in</th><th>required</th><th>about</th></tr>${paramRows}</table>` : ""}
${body}<h4>Responses</h4><ul>${responses}</ul></section>`;
}

/** A readable page of the OpenAPI document: plain HTML and CSS, no scripts, nothing fetched from elsewhere. */
export function docsPage(doc: Json): string {
  const byTag = new Map<string, string[]>();
  const toc = new Map<string, string[]>();
  for (const [path, methods] of Object.entries(doc.paths as Json)) {
    for (const [method, op] of Object.entries(methods as Json)) {
      const tag = (op.tags?.[0] as string) ?? "Other";
      (byTag.get(tag) ?? byTag.set(tag, []).get(tag)!).push(operationHtml(method, path, op));
      (toc.get(tag) ?? toc.set(tag, []).get(tag)!).push(`<li><a href="#${escape(op.operationId)}"><span class="m ${escape(method)}">${escape(method.toUpperCase())}</span> ${escape(path)}</a></li>`);
    }
  }
  const nav = [...toc].map(([tag, items]) => `<h2>${escape(tag)}</h2><ul>${items.join("")}</ul>`).join("");
  const main = [...byTag].map(([tag, ops]) => `<h2>${escape(tag)}</h2>${ops.join("")}`).join("");
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(doc.info.title)}</title>
<style>
body{font:15px/1.5 system-ui,sans-serif;margin:0;display:flex;color:#1b1f24}
nav{width:320px;flex:none;height:100vh;overflow:auto;position:sticky;top:0;background:#f6f8fa;padding:1rem;box-sizing:border-box;font-size:13px}
nav ul{list-style:none;padding:0;margin:0 0 1rem}nav a{text-decoration:none;color:inherit;display:block;padding:2px 0}
main{padding:1rem 2rem;max-width:960px}section{border-top:1px solid #d0d7de;padding:.5rem 0 1rem}
.m{display:inline-block;min-width:3.5em;text-align:center;border-radius:4px;color:#fff;font:600 11px/1.8 monospace;padding:0 4px}
.get{background:#0969da}.post{background:#1a7f37}.delete{background:#cf222e}.put,.patch{background:#9a6700}
code,pre{font-family:ui-monospace,monospace;font-size:13px}pre{background:#f6f8fa;padding:.75rem;overflow:auto}
table{border-collapse:collapse}td,th{border:1px solid #d0d7de;padding:2px 8px;text-align:left}.summary{font-weight:600}
</style></head>
<body><nav><h1>${escape(doc.info.title)}</h1><p>OpenAPI 3.1: <a href="/openapi.json">/openapi.json</a></p>${nav}</nav>
<main>${paragraphs(doc.info.description)}${main}</main></body></html>`;
}

import { createHash } from "node:crypto";
import { mkdir, writeFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";

const here = dirname(fileURLToPath(import.meta.url));

/** widget.js may not weigh more than this, gzipped (issue 14). */
export const GZIP_BUDGET_BYTES = 60 * 1024;

export interface WidgetBundle {
  /** The minified script, one self-contained IIFE. */
  code: string;
  /** The same, gzipped once (level 9), for clients that accept it. */
  gzip: Buffer;
  /** A strong validator: the SHA-256 of the script. */
  etag: string;
  /** For Subresource Integrity: `sha384-…`. */
  integrity: string;
  bytes: number;
  gzipBytes: number;
}

/**
 * Bundles `widget/src/index.ts` with its dependencies (marked, DOMPurify) into one minified
 * IIFE for evergreen browsers. Nothing is written: the caller decides where the bytes go.
 */
export async function buildWidget(options: { minify?: boolean } = {}): Promise<WidgetBundle> {
  const result = await build({
    entryPoints: [join(here, "src", "index.ts")],
    bundle: true,
    format: "iife",
    platform: "browser",
    target: ["es2022", "chrome100", "firefox100", "safari15.4"],
    minify: options.minify ?? true,
    legalComments: "eof",
    charset: "utf8",
    write: false,
    logLevel: "silent",
  });
  const file = result.outputFiles[0];
  if (!file) throw new Error("esbuild produced no output for widget/src/index.ts");
  const code = file.text;
  const gzip = gzipSync(code, { level: 9 });
  return {
    code,
    gzip,
    etag: `"${createHash("sha256").update(code).digest("base64url").slice(0, 32)}"`,
    integrity: `sha384-${createHash("sha384").update(code).digest("base64")}`,
    bytes: Buffer.byteLength(code),
    gzipBytes: gzip.length,
  };
}

export function formatSize(bundle: WidgetBundle): string {
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
  const share = ((bundle.gzipBytes / GZIP_BUDGET_BYTES) * 100).toFixed(0);
  return `widget.js: ${kb(bundle.bytes)} minified, ${kb(bundle.gzipBytes)} gzipped (${share}% of the ${kb(GZIP_BUDGET_BYTES)} budget)`;
}

/** `npm run build:widget [-- out/dir]`: writes widget.js, prints its size, fails over budget. */
async function main(args: string[]): Promise<number> {
  const outDir = resolve(args[0] ?? "dist");
  const bundle = await buildWidget();
  await mkdir(outDir, { recursive: true });
  await writeFile(join(outDir, "widget.js"), bundle.code);
  console.log(`${formatSize(bundle)} → ${join(outDir, "widget.js")}`);
  if (bundle.gzipBytes > GZIP_BUDGET_BYTES) {
    console.error(`widget.js is over its budget by ${bundle.gzipBytes - GZIP_BUDGET_BYTES} bytes gzipped`);
    return 1;
  }
  return 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = await main(process.argv.slice(2));
}

// Real-browser tests drive Debian's Chromium through playwright-core (never a downloaded
// browser). Where Chromium is missing they are skipped with the reason printed, unless
// FLASHFUSION_REQUIRE_E2E=1 (as in .ci/run), which makes the missing browser a failure.
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type BrowserContext } from "playwright-core";

/** Where to look: `FLASHFUSION_CHROMIUM` when set (and only there), else Debian's paths. */
function candidates(): string[] {
  const chosen = process.env.FLASHFUSION_CHROMIUM;
  return chosen ? [chosen] : ["/usr/bin/chromium", "/usr/bin/chromium-browser"];
}

/** The Chromium to drive, or null. */
export function chromiumPath(): string | null {
  return candidates().find((p) => existsSync(p)) ?? null;
}

export interface BrowserAvailability {
  path: string | null;
  /** Why the browser tests do not run here, or null when they do. */
  skip: string | null;
}

/**
 * Decides whether a browser suite runs. When it cannot, the reason is printed; when the
 * environment demands the browser tests, the caller turns the reason into a failing test.
 */
export function browserAvailability(suite: string): BrowserAvailability & { required: boolean } {
  const path = chromiumPath();
  const required = process.env.FLASHFUSION_REQUIRE_E2E === "1";
  const skip = path ? null : `Chromium not found (looked at ${candidates().join(", ")}); install Debian's chromium package to run ${suite}`;
  if (skip) console.warn(`[${suite}] ${required ? "FAILING" : "skipped"}: ${skip}${required ? " (FLASHFUSION_REQUIRE_E2E=1)" : ""}`);
  return { path, skip, required };
}

export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

/** A fresh Chromium profile in a temporary directory, removed on close. */
export async function launchChromium(executablePath: string, options: { viewport?: { width: number; height: number } } = {}): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  const profile = await mkdtemp(join(tmpdir(), "ff-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    args: CHROMIUM_ARGS,
    viewport: options.viewport ?? { width: 1280, height: 800 },
  });
  return {
    context,
    async close() {
      await context.close().catch(() => {});
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/**
 * The postgres project's global setup: databases left by an earlier, interrupted run are dropped
 * before the tests start, and this run's after they end, so nothing is left on the server. The
 * template every scratch database is cloned from is built here, once, before any test asks.
 */
import { dropScratchDatabases, scratchServer } from "../scratch-server.js";

export default async function setup(): Promise<() => Promise<void>> {
  const url = process.env.FLASHFUSION_TEST_DATABASE_URL;
  if (url) {
    await dropScratchDatabases(url);
    await scratchServer(url).template();
  }
  return async () => {
    if (!url) return;
    await scratchServer(url).close();
    await dropScratchDatabases(url);
  };
}

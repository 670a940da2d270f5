/**
 * The postgres project's global setup: schemas left by an earlier, interrupted run are dropped
 * before the tests start, and this run's after they end, so the test server's catalogue stays
 * small (every schema left makes every later migration slower).
 */
import { dropTestSchemas } from "../scratch.js";

export default async function setup(): Promise<() => Promise<void>> {
  const url = process.env.FLASHFUSION_TEST_DATABASE_URL;
  if (url) await dropTestSchemas(url);
  return async () => {
    if (url) await dropTestSchemas(url);
  };
}

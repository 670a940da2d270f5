/** Per test file of the postgres project: scratch databases a test left open are closed (and dropped). */
import { afterAll } from "vitest";
import { closeLeftoverScratchDbs } from "../scratch.js";

afterAll(async () => {
  await closeLeftoverScratchDbs();
});

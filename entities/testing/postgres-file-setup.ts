/**
 * Per test file of the postgres project: scratch databases a test left open are closed (and
 * dropped), then the file's connections to the server that made them.
 */
import { afterAll } from "vitest";
import { closeLeftoverScratchDbs } from "../scratch.js";
import { closeScratchServers } from "../scratch-server.js";

afterAll(async () => {
  await closeLeftoverScratchDbs();
  await closeScratchServers();
});

import type { Entities } from "../../entities/index.js";
import type { PlatformEvent } from "../services.js";
import { createTestKit, type TestKit } from "../testing.js";

/** A test kit that also records the platform events the tools and the runner emit. */
export async function cicdKit(options: Parameters<typeof createTestKit>[0] = {}): Promise<TestKit & { events: PlatformEvent[] }> {
  const kit = await createTestKit(options);
  const events: PlatformEvent[] = [];
  kit.deps.services.events.on((e) => {
    events.push(e);
  });
  return Object.assign(kit, { events });
}

/** Waits for every run (and event delivery) the calls started. */
export async function settle(kit: TestKit, ms = 20_000): Promise<void> {
  const done = await kit.deps.services.background.settle(ms);
  if (!done) throw new Error(`background work still running after ${ms} ms`);
}

/** `node -e <script>` as a shell command, quoted for /bin/sh. */
export function node(script: string): string {
  return `node -e '${script.replace(/'/g, `'\\''`)}'`;
}

export async function onlyRun(kit: TestKit, where: Partial<Entities["PipelineRun"]> = {}): Promise<Entities["PipelineRun"]> {
  const runs = await kit.store.find("PipelineRun", where);
  if (runs.length !== 1) throw new Error(`expected one run, found ${runs.length}`);
  return runs[0]!;
}

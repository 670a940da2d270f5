import type { ServiceFactory } from "../../services.js";
import { runnerOptionsFromEnv, type RunnerOptions } from "./options.js";
import { createLocalRunner } from "./runner.js";

/** `services.runner`: the local runner, configured from the environment (see options.ts). */
export function runnerServices(options?: RunnerOptions): ServiceFactory {
  return (base) => {
    const runner = createLocalRunner(base, options ?? runnerOptionsFromEnv());
    return {
      services: { runner },
      start: async () => {
        await runner.recover();
      },
      stop: () => runner.stop(),
    };
  };
}

export type { PipelineRunner, RunnerAvailability } from "./service.js";
export { createLocalRunner, type LocalRunner } from "./runner.js";
export { runnerOptionsFromEnv, type RunnerOptions } from "./options.js";

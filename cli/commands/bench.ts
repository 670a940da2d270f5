import type { RegisterCommand } from "./index.js";
import { runBench } from "../../bench/index.js";

export const registerBench: RegisterCommand = (cli, out) => {
  cli
    .command("bench")
    .description("benchmarks, each as a ratio to a baseline measured in the same run")
    .argument("[suites...]", "only these suites")
    .action(async (suites: string[]) => {
      await runBench(suites, out);
    });
};

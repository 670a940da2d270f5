import type { Command } from "commander";
import { registerBench } from "./bench.js";
import { registerChat } from "./chat.js";
import { registerDemo } from "./demo.js";
import { registerEval } from "./eval.js";
import { registerKeys } from "./keys.js";
import { registerMcp } from "./mcp.js";
import { registerSecrets } from "./secrets.js";
import { registerRollup } from "./rollup.js";
import { registerServe } from "./serve.js";

/** A subcommand group: adds its commands to the program. `out` prints one line. */
export type RegisterCommand = (cli: Command, out: (line: string) => void) => void;

// Each command group lives in its own file here and is listed once below.
export const COMMANDS: readonly RegisterCommand[] = [registerChat, registerDemo, registerBench, registerEval, registerSecrets, registerRollup, registerKeys, registerMcp, registerServe];

/**
 * A tool as a model sees it: name, description, JSON Schema of the arguments — plus, for the
 * local provider, the tool's example commands and keywords. Built from the tool registry by
 * graph/; llm/ knows nothing of the registry.
 */
export interface LlmToolDef {
  name: string;
  description: string;
  parameters: JsonSchema;
  examples?: readonly string[];
  keywords?: readonly string[];
}

export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  format?: string;
  description?: string;
  default?: unknown;
  // FlashFusion hints (tools/hints.ts), carried by zod's .meta()
  extract?: string;
  cues?: string[];
  prefix?: string;
  unit?: string;
  aliases?: Record<string, string>;
  secret?: boolean;
  [key: string]: unknown;
}

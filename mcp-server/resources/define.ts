import type { Store } from "../../entities/store.js";

/** Which rows a caller may see named: an API key limited to some pipelines sees only theirs. */
export interface Scope {
  pipelineIds: readonly string[];
}

export interface ResourceValue {
  value: string;
  label: string;
}

/**
 * One kind of `flashfusion://` resource: a URI template with one variable, answered by a read
 * tool of the registry through the door (so the caller's roles and permissions apply), with the
 * known values of its variable for completion and listing.
 */
export interface ResourceSpec {
  name: string;
  title: string;
  description: string;
  /** e.g. `flashfusion://pipelines/{name}` */
  uriTemplate: string;
  variable: string;
  /** The read tool that answers a read, and its arguments from the variable's value. */
  tool: string;
  args(value: string): Record<string, unknown>;
  /** Values starting with `prefix` (any case), newest or alphabetical first. */
  values(store: Store, prefix: string, scope: Scope, limit: number): Promise<ResourceValue[]>;
}

export function defineResource(spec: ResourceSpec): ResourceSpec {
  if (!spec.uriTemplate.includes(`{${spec.variable}}`)) throw new Error(`${spec.uriTemplate} has no {${spec.variable}}`);
  return spec;
}

/** A piece of stored text that may hold a secret, and where it is. */
export interface TextSource {
  /** Human-readable place, without the value: "pipeline web, step \"deploy\" command". */
  where: string;
  text: string;
  /** The name the text is stored under (variable, JSON key), for the generic rule. */
  name?: string;
  /** Repository files: the path relative to the repository, for the allowlist. */
  path?: string;
  /** Multi-line texts (files, logs) report the line of each finding. */
  multiline?: boolean;
}

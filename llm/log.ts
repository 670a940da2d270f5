/** Where the orchestration layer reports what an operator should know (unknown prices, failures). */
export interface LlmLogger {
  warn(message: string, fields?: Record<string, unknown>): void;
}

export const consoleLogger: LlmLogger = {
  warn: (message, fields) => console.warn(`[flashfusion] llm: ${message}`, ...(fields ? [fields] : [])),
};

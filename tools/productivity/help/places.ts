/**
 * Where things live in FlashFusion outside this chat: a small map kept by hand from the
 * product's own documents — the dashboard paths and endpoints of seed 001 (the CI/CD API), the
 * CLI of the README and of the issues that define it. Chat places are not listed here: the
 * navigate tool finds them in the tool registry, so they are always the tools that exist.
 */
export interface Place {
  area: string;
  /** Words (singular, lower-case) that name the area; a phrase matches as a whole. */
  words: readonly string[];
  app?: string;
  api?: readonly string[];
  cli?: readonly string[];
  note?: string;
}

export const PLACES: readonly Place[] = [
  {
    area: "Webhooks",
    words: ["webhook", "hook", "callback", "event notification", "signature"],
    app: "Dashboard → API → Webhooks → Create (URL, events, secret)",
    api: ["POST /functions/sendWebhook (send a notification for a pipeline event)"],
    note: "Deliveries are signed with X-FlashFusion-Signature (HMAC-SHA256 of the body); verify it on your endpoint.",
  },
  {
    area: "API keys",
    words: ["api key", "key"],
    app: "Dashboard → API → Create API Key",
    api: ["POST /functions/createAPIKey"],
    cli: ["flashfusion keys create | list | revoke"],
    note: "A key's plaintext (ffai_…) is shown once, when it is created.",
  },
  {
    area: "Pipelines, builds and deployments",
    words: ["pipeline", "build", "deploy", "deployment", "ci", "cd", "release"],
    api: ["POST /api/trigger-pipeline", "GET /api/get-status?run_id=…", "GET /api/get-config?pipeline_id=…"],
  },
  {
    area: "Secrets",
    words: ["secret", "password", "environment variable", "env var"],
    cli: ["flashfusion secrets set NAME (reads the value from standard input)"],
    note: "Secret values are never typed into chat and never shown back.",
  },
  {
    area: "Database and demo data",
    words: ["database", "db", "migration", "migrate", "seed", "demo data"],
    cli: ["flashfusion db migrate", "flashfusion seed"],
  },
  {
    area: "Account and sign-in",
    words: ["account", "login", "log in", "sign in", "register", "sign up", "password reset", "session"],
    api: ["POST /api/v1/auth/register", "POST /api/v1/auth/login", "POST /api/v1/auth/refresh"],
  },
  {
    area: "MCP (Claude Desktop and other clients)",
    words: ["mcp", "claude desktop", "model context protocol"],
    api: ["/mcp (Streamable HTTP, with an API key)"],
    cli: ["flashfusion mcp (stdio)"],
  },
  {
    area: "Evaluations",
    words: ["eval", "evaluation", "test suite", "benchmark"],
    cli: ["flashfusion eval [suites…]"],
  },
];

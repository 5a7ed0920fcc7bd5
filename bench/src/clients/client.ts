import type { Fetch } from "../fakeFetch";

/** One library under test, bound to a fetch: streams or calls once and returns the reply text it assembled. */
export interface BenchClient {
  stream(): Promise<string>;
  chat(): Promise<string>;
}

export type ClientSetup = (fetch: Fetch) => BenchClient;

/** Row order in every table; the first is the floor every ratio is taken against. */
export const CLIENTS = ["loop", "eventsource-parser", "@parley/core", "cohere-ai", "ai"] as const;
export type ClientName = (typeof CLIENTS)[number];

export const CLIENT_LABELS: Record<ClientName, string> = {
  loop: "minimal loop (floor)",
  "eventsource-parser": "eventsource-parser 4.1.3 alone",
  "@parley/core": "@parley/core",
  "cohere-ai": "cohere-ai 8.1.0",
  ai: "ai 7.0.173 + @ai-sdk/cohere 4.0.52",
};

/** Loads only the client under test, so a child process holds one library and nothing else. */
export async function loadClient(name: ClientName): Promise<ClientSetup> {
  switch (name) {
    case "loop":
      return (await import("./loop")).setup;
    case "eventsource-parser":
      return (await import("./eventsourceParser")).setup;
    case "@parley/core":
      return (await import("./parley")).setup;
    case "cohere-ai":
      return (await import("./cohere")).setup;
    case "ai":
      return (await import("./aiSdk")).setup;
  }
}

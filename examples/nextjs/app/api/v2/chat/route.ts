import { createSimulatedProvider } from "@parley/conformance";
import { createChatHandler } from "@parley/server";

// The browser's `new ClientV2({ baseUrl: "/api", apiKey: "" })` posts here, to /api/v2/chat. With CO_API_KEY set
// where the server runs, the handler forwards to Cohere with the key; without, the simulated provider answers,
// offline. Either way the key stays on the server.
const apiKey = process.env.CO_API_KEY?.trim();

export const POST = createChatHandler(
  apiKey
    ? { apiKey, models: ["command-a-03-2025", "command-r7b-12-2024"], maxTokens: 2000 }
    : { apiKey: "offline", fetch: createSimulatedProvider({ tokensPerSecond: 60, firstTokenDelayMs: 100 }) },
);

import { createSimulatedProvider } from "@parley/conformance";
import { createChatHandler } from "@parley/server";
import { toNodeHandler } from "@parley/server/node";
import express from "express";

/**
 * The app: `POST /api/v2/chat` is the chat handler, so a browser's `new ClientV2({ baseUrl: "/api", apiKey: "" })`
 * talks to it. With `CO_API_KEY` set it forwards to Cohere with the key; without, the simulated provider of
 * `@parley/conformance` answers, offline.
 */
export function createApp(env: NodeJS.ProcessEnv = process.env) {
  const apiKey = env.CO_API_KEY?.trim();
  const chat = createChatHandler(
    apiKey
      ? { apiKey, models: ["command-a-03-2025", "command-r7b-12-2024"], maxTokens: 2000 }
      : { apiKey: "offline", fetch: createSimulatedProvider({ tokensPerSecond: 0, firstTokenDelayMs: 0 }) },
  );
  const app = express();
  app.disable("x-powered-by");
  app.post("/api/v2/chat", toNodeHandler(chat));
  return app;
}

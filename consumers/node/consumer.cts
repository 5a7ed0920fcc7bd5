// Types of every entry as a CommonJS consumer sees them (node16 and nodenext: the `require` condition).
import { createSimulatedProvider } from "@parley/conformance";
import { loadCassettes } from "@parley/conformance/node";
import { type ChatRequest, ClientV2, ValidationError } from "@parley/core";
import { validateRequest } from "@parley/core/protocol";
import { useChat } from "@parley/react";
import { type ChatHandler, createChatHandler } from "@parley/server";
import { toNodeHandler } from "@parley/server/node";

const request: ChatRequest = { model: "m", messages: [{ role: "user", content: "Hi" }] };
const co = new ClientV2({ apiKey: "", fetch: createSimulatedProvider() });
void co.chat(request);
try {
  validateRequest(request);
} catch (error) {
  if (error instanceof ValidationError) console.log(error.message);
}
void loadCassettes(["cassettes"]);
console.log(typeof useChat);
const handler: ChatHandler = createChatHandler({ apiKey: "key", fetch: createSimulatedProvider() });
const listener: (req: import("node:http").IncomingMessage, res: import("node:http").ServerResponse) => void =
  toNodeHandler(handler);
console.log(typeof listener);

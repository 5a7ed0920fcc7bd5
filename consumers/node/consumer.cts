// Types of every entry as a CommonJS consumer sees them (node16 and nodenext: the `require` condition).
import { createSimulatedProvider } from "@parley/conformance";
import { loadCassettes } from "@parley/conformance/node";
import { type ChatRequest, ClientV2, ValidationError } from "@parley/core";
import { validateRequest } from "@parley/core/protocol";
import { useChat } from "@parley/react";

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

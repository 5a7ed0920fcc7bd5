// Types of every entry as an ESM consumer sees them (checked under bundler, node16 and nodenext, skipLibCheck off).

import { createServer as createHttpServer } from "node:http";
import {
  type Cassette,
  createReplayFetch,
  createSimulatedProvider,
  type FetchLike,
} from "@parley/conformance";
import { createServer, type RunningServer } from "@parley/conformance/node";
import {
  ApiError,
  type ChatResponse,
  ClientV2,
  createChat,
  messageText,
  NotFoundError,
  type StreamEvent,
} from "@parley/core";
import { type GrammarViolation, isChatResponse, validateRequest } from "@parley/core/protocol";
import { type ChatHandler, type ChatHandlerOptions, createChatHandler, type OnRequest } from "@parley/server";
import { type NodeHandlerOptions, toNodeHandler } from "@parley/server/node";

const fetch: FetchLike = createSimulatedProvider({ tokensPerSecond: 0 });
const co = new ClientV2({ apiKey: "", fetch, maxRetries: 0 });
const res: ChatResponse = await co.chat({ model: "m", messages: [{ role: "user", content: "Hi" }] });
const text: string = messageText(res.message);
const stream = await co.chatStream({ model: "m", messages: [{ role: "user", content: text }] });
for await (const event of stream) {
  const type: StreamEvent["type"] = event.type;
  if (event.type === "content-delta") console.log(type, event.delta.message.content.text);
}
const error: unknown = new Error("x");
if (error instanceof NotFoundError) {
  const status: number = error.status;
  console.log(status, error instanceof ApiError);
}
const chat = createChat({ client: co, model: "m" });
await chat.send("Hello");
const cassette: Cassette = { interactions: [] };
const replay: FetchLike = createReplayFetch(cassette, { faults: { rechunk: "byte", splitMultibyte: true } });
const server: RunningServer = await createServer(replay);
await server.close();
const violations: GrammarViolation[] = [];
validateRequest({ model: "m", messages: [] });
console.log(isChatResponse(res), violations.length);
const onRequest: OnRequest = (request, body) =>
  request.headers.has("cookie") ? body : Response.json({ message: "sign in" }, { status: 401 });
const handlerOptions: ChatHandlerOptions = {
  apiKey: () => "key",
  models: ["m"],
  maxTokens: 100,
  fetch,
  onRequest,
};
const handler: ChatHandler = createChatHandler(handlerOptions);
const answer: Response = await handler(
  new Request("http://localhost/v2/chat", { method: "POST", body: "{}" }),
);
const nodeOptions: NodeHandlerOptions = { bodyTimeoutMs: 5000 };
// Options read from the environment may be undefined; that must compile under exactOptionalPropertyTypes too.
const fromEnv = new ClientV2({ apiKey: process.env.CO_API_KEY, baseUrl: process.env.CO_BASE_URL });
const envHandlerOptions: ChatHandlerOptions = {
  apiKey: process.env.CO_API_KEY,
  baseUrl: process.env.UPSTREAM,
};
console.log(fromEnv, envHandlerOptions);
createHttpServer(toNodeHandler(handler, nodeOptions)).close();
console.log(answer.status);

// The server handler check (@parley/server): `createChatHandler` with the simulated provider as its upstream
// `fetch`, served by the runtime's own HTTP server (see entries/), and one streamed chat through `ClientV2`
// against it, as a browser would send it: no key, to `${baseUrl}/v2/chat`.

import type { FetchLike } from "@parley/conformance";
import { createSimulatedProvider } from "@parley/conformance";
import type { ChatRequest } from "@parley/core";
import { ClientV2, messageText } from "@parley/core";
import type { ChatHandler } from "@parley/server";
import { createChatHandler } from "@parley/server";

/** The column of the matrix. */
export const SERVER_HANDLER_CHECK = "server handler";

/** The key the handler adds upstream; the simulator answers 401 to any other (or none). */
const KEY = "matrix-server-key";
const REQUEST: ChatRequest = {
  model: "command-a-03-2025",
  messages: [{ role: "user", content: "Say hello to the matrix through the server." }],
};
/** The upstream's pace: slow enough to tell a server that streams the answer from one that buffers it. */
const TOKENS_PER_SECOND = 100;

/** Where the runtime serves the handler: the `baseUrl` for `ClientV2`, and a `fetch` when not the global one. */
export interface ServedHandler {
  baseUrl: string;
  fetch?: FetchLike;
  close(): Promise<void>;
}

/** Serves a web-standard handler with the runtime's own HTTP server. */
export type Serve = (handler: ChatHandler) => Promise<ServedHandler>;

function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

function simulator(tokensPerSecond: number): FetchLike {
  return createSimulatedProvider({ apiKey: KEY, tokensPerSecond, firstTokenDelayMs: 0 });
}

/** The handler under test: a policy (one model), the key, and the paced simulator as the upstream. */
export function matrixHandler(): ChatHandler {
  return createChatHandler({ apiKey: KEY, models: [REQUEST.model], fetch: simulator(TOKENS_PER_SECOND) });
}

/**
 * Streams one reply through the served handler and checks it: every event arrives in order, the text is the
 * simulator's own, and the deltas arrive spread over the upstream's pace (a server that buffered the answer
 * would hand them over all at once). A wrong or missing key upstream surfaces as the simulator's 401.
 */
export async function streamThroughHandler(baseUrl: string, fetch?: FetchLike): Promise<void> {
  const direct = new ClientV2({ apiKey: KEY, fetch: simulator(0), maxRetries: 0 });
  const expected = messageText((await direct.chat(REQUEST)).message);
  const client = new ClientV2({ baseUrl, apiKey: "", maxRetries: 0, ...(fetch ? { fetch } : {}) });
  const types: string[] = [];
  let text = "";
  let firstDeltaAt: number | undefined;
  for await (const event of await client.chatStream(REQUEST)) {
    types.push(event.type);
    if (event.type === "content-delta") {
      firstDeltaAt ??= Date.now();
      text += event.delta?.message?.content?.text ?? "";
    }
  }
  const spreadMs = Date.now() - (firstDeltaAt ?? Date.now());
  const deltas = types.filter((type) => type === "content-delta").length;
  assert(types[0] === "message-start", `first event ${types[0]}`);
  assert(types.at(-1) === "message-end", `last event ${types.at(-1)}`);
  assert(deltas > 1, `${deltas} content deltas`);
  assert(text === expected, `the text differs from the simulator's: ${JSON.stringify(text)}`);
  // Timers fire late on a loaded machine, never early, so this bound cannot fail a server that streams.
  const floorMs = ((deltas - 1) * 1000) / TOKENS_PER_SECOND / 2;
  assert(
    spreadMs >= floorMs,
    `${deltas} deltas arrived within ${spreadMs} ms (the upstream took at least ${2 * floorMs} ms): buffered, not streamed`,
  );
}

/** The check, for runtimes that serve the handler themselves; an empty list where `serve` is not given. */
export function serverHandlerChecks(serve: Serve | undefined): { name: string; run(): Promise<void> }[] {
  if (!serve) return [];
  return [
    {
      name: SERVER_HANDLER_CHECK,
      async run() {
        const served = await serve(matrixHandler());
        try {
          await streamThroughHandler(served.baseUrl, served.fetch);
        } finally {
          await served.close();
        }
      },
    },
  ];
}

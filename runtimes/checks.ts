// The runtime matrix's checks: one source, bundled or run as it is on every runtime (see run.mjs). Each
// check talks to the simulated provider or a replay of a real-shaped cassette through the client's `fetch`
// option, so no runtime needs the network or a polyfill. Where the runtime serves HTTP, its entry passes a
// `serve` and the server handler check (serverHandler.ts) runs too.

import type { Cassette, FetchLike } from "@parley/conformance";
import { createReplayFetch, createSimulatedProvider } from "@parley/conformance";
import type { ChatRequest, ChatStream } from "@parley/core";
import { AbortError, ClientV2, createChat, messageText, NotFoundError } from "@parley/core";
import unicodeCassette from "./__fixtures__/complete-unicode.json";
import { type Serve, serverHandlerChecks } from "./serverHandler";

export interface CheckResult {
  name: string;
  ok: boolean;
  /** What went wrong, for a failed check. */
  error?: string;
  ms: number;
}

interface Check {
  name: string;
  run(): Promise<void>;
}

const MODEL = "command-a-03-2025";
const HELLO: ChatRequest = {
  model: MODEL,
  messages: [{ role: "user", content: "Say hello to the matrix." }],
};
const WEATHER_TOOL = {
  type: "function" as const,
  function: {
    name: "get_weather",
    description: "Current weather for a city",
    parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] },
  },
};

function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

/** The simulator, answering at once unless a pace is asked for. */
function simulator(tokensPerSecond = 0): FetchLike {
  return createSimulatedProvider({ tokensPerSecond, firstTokenDelayMs: 0 });
}

function client(fetch: FetchLike): ClientV2 {
  return new ClientV2({ apiKey: "matrix", fetch, maxRetries: 0 });
}

async function streamText(stream: ChatStream): Promise<{ text: string; types: string[] }> {
  let text = "";
  const types: string[] = [];
  for await (const event of stream) {
    types.push(event.type);
    if (event.type === "content-delta") text += event.delta?.message?.content?.text ?? "";
  }
  return { text, types };
}

async function expectRejection(promise: Promise<unknown>, check: (error: unknown) => void): Promise<void> {
  try {
    await promise;
  } catch (error) {
    check(error);
    return;
  }
  throw new Error("expected a rejection, got a result");
}

const CHECKS: readonly Check[] = [
  {
    name: "chat",
    async run() {
      const res = await client(simulator()).chat(HELLO);
      assert(res.finish_reason === "COMPLETE", `finish_reason ${res.finish_reason}`);
      assert(messageText(res.message).length > 0, "empty reply text");
      assert(res.usage?.tokens?.output_tokens !== undefined, "no usage");
    },
  },
  {
    name: "stream",
    async run() {
      const co = client(simulator());
      const expected = messageText((await co.chat(HELLO)).message);
      const { text, types } = await streamText(await co.chatStream(HELLO));
      assert(types[0] === "message-start", `first event ${types[0]}`);
      assert(types.at(-1) === "message-end", `last event ${types.at(-1)}`);
      assert(types.filter((t) => t === "content-delta").length > 1, "fewer than two deltas");
      assert(text === expected, `streamed text differs from chat(): ${JSON.stringify(text)}`);
    },
  },
  {
    name: "finalResponse",
    async run() {
      const co = client(simulator());
      const expected = await co.chat(HELLO);
      const final = await (await co.chatStream(HELLO)).finalResponse();
      assert(messageText(final.message) === messageText(expected.message), "text differs from chat()");
      assert(final.finish_reason === expected.finish_reason, `finish_reason ${final.finish_reason}`);
      assert(final.usage?.tokens?.output_tokens === expected.usage?.tokens?.output_tokens, "usage differs");
    },
  },
  {
    name: "abort mid-stream",
    async run() {
      const controller = new AbortController();
      const stream = await client(simulator(200)).chatStream(HELLO, { signal: controller.signal });
      let deltas = 0;
      await expectRejection(
        (async () => {
          for await (const event of stream) {
            if (event.type === "content-delta" && ++deltas === 1) controller.abort();
          }
        })(),
        (error) => {
          assert(error instanceof AbortError, `expected AbortError, got ${String(error)}`);
          assert((error as Error).name === "AbortError", `name ${(error as Error).name}`);
        },
      );
      assert(deltas === 1, `${deltas} deltas after the abort`);
    },
  },
  {
    name: "break",
    async run() {
      let requestSignal: AbortSignal | undefined;
      const sim = simulator(200);
      const spy: FetchLike = (input, init) => {
        requestSignal = init?.signal ?? undefined;
        return sim(input, init);
      };
      const stream = await client(spy).chatStream(HELLO);
      let deltas = 0;
      for await (const event of stream) {
        if (event.type === "content-delta" && ++deltas === 2) break;
      }
      assert(deltas === 2, `${deltas} deltas`);
      // Leaving the loop early must release the connection: the request's signal is aborted.
      assert(requestSignal?.aborted === true, "the request was not aborted after break");
    },
  },
  {
    name: "tool call",
    async run() {
      const request: ChatRequest = {
        model: MODEL,
        messages: [{ role: "user", content: "What is the weather in Paris?" }],
        tools: [WEATHER_TOOL],
      };
      const final = await (await client(simulator()).chatStream(request)).finalResponse();
      assert(final.finish_reason === "TOOL_CALL", `finish_reason ${final.finish_reason}`);
      const call = final.message.tool_calls?.[0];
      assert(call?.function?.name === "get_weather", `tool call ${JSON.stringify(call)}`);
      const args: unknown = JSON.parse(call.function.arguments ?? "");
      assert(
        typeof args === "object" && args !== null && "city" in args,
        `arguments ${call.function.arguments}`,
      );
    },
  },
  {
    name: "replay, byte chunks, split UTF-8",
    async run() {
      const cassette = unicodeCassette as unknown as Cassette;
      const [chat, stream] = cassette.interactions;
      assert(chat && stream, "the cassette has no chat and stream interactions");
      const body = chat.response.body as { message: { content: Array<{ text: string }> } };
      const expected = body.message.content[0]?.text;
      assert(expected?.includes("👩‍💻"), "the cassette lost its emoji");
      const fetch = createReplayFetch(cassette, { faults: { rechunk: "byte", splitMultibyte: true } });
      const request = stream.request.body as unknown as ChatRequest;
      const { text } = await streamText(await client(fetch).chatStream(request));
      assert(text === expected, `streamed ${JSON.stringify(text)}`);
      const res = await client(fetch).chat(chat.request.body as unknown as ChatRequest);
      assert(
        messageText(res.message) === expected,
        `chat() read ${JSON.stringify(messageText(res.message))}`,
      );
    },
  },
  {
    name: "404 as NotFoundError",
    async run() {
      const co = client(simulator());
      const request: ChatRequest = { ...HELLO, model: "no-such-model" };
      const isNotFound = (error: unknown) => {
        assert(error instanceof NotFoundError, `expected NotFoundError, got ${String(error)}`);
        assert(
          error.status === 404 && error.name === "NotFoundError",
          `status ${error.status}, ${error.name}`,
        );
      };
      await expectRejection(co.chat(request), isNotFound);
      await expectRejection(co.chatStream(request), isNotFound);
    },
  },
  {
    name: "chat store with a tool",
    async run() {
      const calls: unknown[] = [];
      const chat = createChat({
        client: client(simulator()),
        model: MODEL,
        throttleMs: 0,
        tools: {
          get_weather: {
            description: WEATHER_TOOL.function.description,
            parameters: WEATHER_TOOL.function.parameters,
            execute: async (args) => {
              calls.push(args);
              return { city: "Paris", temperature_c: 21 };
            },
          },
        },
      });
      await chat.send("What is the weather in Paris?");
      const { messages, status, error } = chat.getSnapshot();
      assert(status === "ready", `status ${status} ${error?.message ?? ""}`);
      assert(calls.length === 1, `the tool ran ${calls.length} times`);
      const roles = messages.map((m) => m.role).join(",");
      assert(roles === "user,assistant,tool,assistant", `messages ${roles}`);
      const last = messages.at(-1);
      assert(last?.role === "assistant" && last.status === "complete", `last reply ${JSON.stringify(last)}`);
      assert(
        messageText(last).includes("21"),
        `the reply does not use the tool result: ${messageText(last)}`,
      );
    },
  },
];

export interface RunChecksOptions {
  /** How this runtime serves a web-standard handler over HTTP; without it the server handler check is left out. */
  serve?: Serve;
}

/** Runs every check in order and never throws: a failure is a result. */
export async function runChecks(options: RunChecksOptions = {}): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  for (const check of [...CHECKS, ...serverHandlerChecks(options.serve)]) {
    const start = Date.now();
    try {
      await check.run();
      results.push({ name: check.name, ok: true, ms: Date.now() - start });
    } catch (error) {
      const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      results.push({ name: check.name, ok: false, error: message, ms: Date.now() - start });
    }
  }
  return results;
}

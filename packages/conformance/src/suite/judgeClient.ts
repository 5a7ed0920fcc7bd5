import { type ChatRequest, type ChatResponse, ClientV2, ParleyError, type StreamEvent } from "@parley/core";
import type { FetchLike } from "../http/fetchLike";
import { check } from "./check";
import { describeError } from "./describeError";
import type { Exchange } from "./exchange";
import { judgeAgreement } from "./judgeAgreement";
import type { CheckResult, Mode } from "./types";
import { valueDiffs } from "./valueDiffs";

/** What the client should make of an exchange the suite has already judged on the wire. */
export interface ClientReference {
  mode: Mode;
  exchange: Exchange;
  /** A client can make a reply of the answer: it must return exactly `reply` (streaming: yield exactly `events`). */
  sound: boolean;
  reply?: ChatResponse;
  events?: readonly StreamEvent[];
}

/** A `fetch` that answers once more with the bytes an exchange received, chunk by chunk, as they came. */
export function answerWith(exchange: Exchange): FetchLike {
  return async () => {
    if (exchange.status === 0) throw new TypeError(`fetch failed: ${exchange.networkError}`);
    const chunks = exchange.chunks;
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (const chunk of chunks) controller.enqueue(chunk.slice());
        controller.close();
      },
    });
    return new Response(body, { status: exchange.status, headers: exchange.headers });
  };
}

/**
 * Client conformance: drives `@parley/core`'s `ClientV2` with `fetch` (the replay, or the exchange's own bytes)
 * and holds it to the wire: `chat()` returns the JSON as sent; `chatStream()` yields the events as sent and
 * assembles the same reply core's reducer does; an HTTP error rejects with the status's error class; a broken
 * stream rejects instead of returning a broken reply.
 */
export async function judgeClient(
  fetch: FetchLike,
  request: ChatRequest,
  reference: ClientReference,
): Promise<{ result: CheckResult; reply?: ChatResponse }> {
  const { mode, exchange } = reference;
  const c = check(mode === "plain" ? "client.chat" : "client.chat-stream", "required", "client");
  const client = new ClientV2({
    fetch,
    apiKey: "",
    baseUrl: "http://conformance.invalid",
    maxRetries: 0,
    validate: false,
  });
  const { stream: _, ...body } = request;
  let reply: ChatResponse;
  const events: StreamEvent[] = [];
  try {
    if (mode === "plain") reply = await client.chat(body);
    else {
      const stream = await client.chatStream(body);
      for await (const event of stream) events.push(event);
      reply = await stream.finalResponse();
    }
  } catch (error) {
    if (exchange.status >= 400) {
      const status = (error as { status?: unknown }).status;
      return {
        result:
          status === exchange.status && ParleyError.isInstance(error)
            ? c.pass(`rejected with ${(error as Error).name}`)
            : c.fail(`HTTP ${exchange.status} should reject with its ApiError, got ${describeError(error)}`),
      };
    }
    return {
      result: reference.sound
        ? c.fail(`the client rejected a sound reply: ${describeError(error)}`)
        : ParleyError.isInstance(error)
          ? c.pass(`rejected the broken reply with ${(error as Error).name}`)
          : c.fail(`a broken reply should reject with a ParleyError, got ${describeError(error)}`),
    };
  }
  if (exchange.status >= 400)
    return { result: c.fail(`HTTP ${exchange.status} resolved instead of rejecting`) };
  if (!reference.sound)
    return { result: c.fail("the client returned a reply from a broken answer instead of rejecting") };
  const expected = reference.reply as ChatResponse;
  const diffs = valueDiffs(expected, reply);
  if (mode === "stream" && reference.events) {
    diffs.unshift(
      ...valueDiffs(reference.events, events, { limit: 3 }).map((d) => ({
        ...d,
        path: d.path.replace(/^\$/, "$events"),
      })),
    );
  }
  return {
    reply,
    result: diffs.length
      ? c.fail(`the client's reply differs from the wire at ${diffs.map((d) => d.path).join(", ")}`, {
          diffs,
        })
      : c.pass(),
  };
}

/** `chat()` and `chatStream()` of the client agree with each other, as the wire replies must. */
export function judgeClientAgreement(
  plain: ChatResponse,
  streamed: ChatResponse,
  deterministic: boolean,
): CheckResult {
  return judgeAgreement(plain, streamed, { deterministic, id: "client.agreement", mode: "client" });
}

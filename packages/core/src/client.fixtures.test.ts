import { describe, expect, it } from "vitest";
import { ClientV2 } from "./client";
import { type ApiError, BadRequestError, UnauthorizedError } from "./errors";
import { checkStreamGrammar } from "./grammar";
import {
  fakeFetch,
  recordedResponse,
  recordedStreamResponse,
  sseFrames,
  sseResponse,
} from "./test/fakeFetch";
import { recordedReplies, recordedStreams } from "./test/recordings";
import type { ChatRequest, ChatResponse, StreamEvent } from "./types";

/**
 * Every real recording in `__fixtures__/cohere-real` through `chat()` and `chatStream()`.
 */

const request: ChatRequest = { model: "command-a-03-2025", messages: [{ role: "user", content: "Hi" }] };
const replies = recordedReplies().filter((reply) => reply.status === 200);
const failures = recordedReplies().filter((reply) => reply.status !== 200);
const streams = recordedStreams();

/** The payloads of a recorded stream, read independently of our decoder: every `data:` line but `[DONE]`. */
function payloads(sse: string): StreamEvent[] {
  return sse
    .split("\n")
    .filter((line) => line.startsWith("data: ") && line !== "data: [DONE]")
    .map((line) => JSON.parse(line.slice("data: ".length)) as StreamEvent);
}

/**
 * The events a server streams for `reply`, built the way real streams are laid out (spec §6.3): message-start,
 * tool plan fragments, content blocks in fragments with their citations after them, tool calls with their
 * arguments in fragments (none for a call without arguments), then message-end.
 */
function streamedAs(reply: ChatResponse): object[] {
  const words = (text: string) => text.match(/\s*\S+|\s+$/g) ?? [];
  const message = reply.message;
  const events: object[] = [
    {
      id: reply.id,
      type: "message-start",
      delta: { message: { role: "assistant", content: [], tool_plan: "", tool_calls: [], citations: [] } },
    },
  ];
  for (const fragment of words(message.tool_plan ?? "")) {
    events.push({ type: "tool-plan-delta", delta: { message: { tool_plan: fragment } } });
  }
  message.content?.forEach((part, index) => {
    const text = part.type === "text" ? part.text : part.thinking;
    const empty = part.type === "text" ? { type: "text", text: "" } : { type: "thinking", thinking: "" };
    events.push({ type: "content-start", index, delta: { message: { content: empty } } });
    for (const fragment of words(text)) {
      const content = part.type === "text" ? { text: fragment } : { thinking: fragment };
      events.push({ type: "content-delta", index, delta: { message: { content } } });
    }
    events.push({ type: "content-end", index });
  });
  message.citations?.forEach((citation, index) => {
    events.push({ type: "citation-start", index, delta: { message: { citations: citation } } });
    events.push({ type: "citation-end", index });
  });
  message.tool_calls?.forEach((call, index) => {
    const start = { ...call, function: { ...call.function, arguments: "" } };
    events.push({ type: "tool-call-start", index, delta: { message: { tool_calls: start } } });
    const args = call.function.arguments === "{}" ? "" : call.function.arguments;
    for (let at = 0; at < args.length; at += 5) {
      const fragment = args.slice(at, at + 5);
      events.push({
        type: "tool-call-delta",
        index,
        delta: { message: { tool_calls: { function: { arguments: fragment } } } },
      });
    }
    events.push({ type: "tool-call-end", index });
  });
  events.push({ type: "message-end", delta: { finish_reason: reply.finish_reason, usage: reply.usage } });
  return events;
}

describe("recorded replies through chat()", () => {
  it("has recordings to run", () => {
    expect(replies.length).toBeGreaterThanOrEqual(5);
    expect(failures.length).toBeGreaterThanOrEqual(2);
    expect(streams.length).toBeGreaterThanOrEqual(5);
  });

  it.each(replies.map((reply) => [reply.name, reply] as const))(
    "%s comes back exactly as sent",
    async (_name, recorded) => {
      const fetch = fakeFetch(recordedResponse(recorded));
      const response = await new ClientV2({ apiKey: "k", fetch }).chat(request);
      expect(response).toEqual(JSON.parse(recorded.body));
    },
  );

  it.each(failures.map((reply) => [reply.name, reply] as const))(
    "%s rejects chat() and chatStream() with its ApiError",
    async (_name, recorded) => {
      const client = new ClientV2({
        apiKey: "k",
        fetch: fakeFetch(recordedResponse(recorded), recordedResponse(recorded)),
      });
      const body = JSON.parse(recorded.body) as { message: string };
      for (const call of [client.chat(request), client.chatStream(request)]) {
        const error = (await call.catch((e: unknown) => e)) as ApiError;
        expect(error).toBeInstanceOf(recorded.status === 401 ? UnauthorizedError : BadRequestError);
        expect([error.status, error.body]).toEqual([recorded.status, body]);
        expect(error.message).toBe(`${recorded.status} ${body.message}`);
      }
    },
  );
});

describe("recorded streams through chatStream()", () => {
  it.each(streams.map((stream) => [stream.name, stream] as const))(
    "%s yields every event as recorded and assembles its reply",
    async (_name, recorded) => {
      const fetch = fakeFetch(recordedStreamResponse(recorded, 37));
      const stream = await new ClientV2({ apiKey: "k", fetch }).chatStream(request);
      const events: StreamEvent[] = [];
      for await (const event of stream) events.push(event);
      const sent = payloads(recorded.sse);
      expect(events).toEqual(sent);
      expect(checkStreamGrammar(events, { done: true }).filter((violation) => violation.fatal)).toEqual([]);

      const reply = await stream.finalResponse();
      const start = sent[0] as { id: string };
      const end = sent.at(-1) as { delta: { finish_reason: string; usage: unknown } };
      expect(reply.id).toBe(start.id);
      expect(reply.finish_reason).toBe(end.delta.finish_reason);
      expect(reply.usage).toEqual(end.delta.usage);
    },
  );

  it("assembles each recorded stream into what its scenario says", async () => {
    const final = async (name: string) => {
      const recorded = streams.find((stream) => stream.name === name)!;
      return (
        await new ClientV2({ apiKey: "k", fetch: fakeFetch(recordedStreamResponse(recorded, 1)) }).chatStream(
          request,
        )
      ).finalResponse();
    };
    const thinking = await final("stream-thinking");
    expect(thinking.message.content?.map((part) => part.type)).toEqual(["thinking", "text"]);
    expect(thinking.message.content?.[0]).toMatchObject({
      thinking: expect.stringMatching(/^The user is asking/),
    });

    const citations = await final("stream-citations");
    expect(citations.message.content).toEqual([
      { type: "text", text: "The key benefits are automation of tasks." },
    ]);
    expect(citations.message.citations).toHaveLength(1);
    expect(
      citations.message.content?.[0]?.type === "text" && citations.message.content[0].text.slice(21, 40),
    ).toBe(citations.message.citations?.[0]?.text);

    const parallel = await final("stream-parallel-tool-calls");
    expect(parallel.finish_reason).toBe("TOOL_CALL");
    expect(parallel.message.tool_calls?.map((call) => JSON.parse(call.function.arguments))).toEqual([
      { location: "San Francisco" },
      { city: "San Francisco" },
    ]);
    expect(parallel.message.tool_plan).toMatch(/^I will use the weather tool/);

    const noArgs = await final("stream-tool-call-no-args");
    expect(noArgs.message.tool_calls).toEqual([
      {
        id: "currentTime_y46ar19t5gvw",
        type: "function",
        function: { name: "currentTime", arguments: "{}" },
      },
    ]);

    const wire = await final("stream-tool-call");
    expect(wire.message.tool_calls?.[0]?.function.name).toBe("Person");
    expect(JSON.parse(wire.message.tool_calls?.[0]?.function.arguments ?? "")).toMatchObject({
      name: "Erick",
    });
  });
});

describe("stream and non-stream results are equal", () => {
  it.each(replies.map((reply) => [reply.name, reply] as const))(
    "%s: streamed the way Cohere streams it, the reply equals chat()'s",
    async (_name, recorded) => {
      const fetch = fakeFetch(
        recordedResponse(recorded),
        sseResponse([sseFrames(streamedAs(JSON.parse(recorded.body)))]),
      );
      const client = new ClientV2({ apiKey: "k", fetch });
      const whole = await client.chat(request);
      const streamed = await (await client.chatStream(request)).finalResponse();
      expect(streamed).toEqual(whole);
    },
  );

  it("where a streamed and a non-streamed recording share a reply id, chat() and chatStream() agree on what both kept", async () => {
    // Upstream trimmed its two copies differently (text, citations, cached_tokens): only untouched fields can agree.
    const streamedById = new Map(
      streams.map((stream) => [(payloads(stream.sse)[0] as { id: string }).id, stream]),
    );
    const pairs = replies.filter((reply) => streamedById.has((JSON.parse(reply.body) as ChatResponse).id));
    expect(pairs.length).toBeGreaterThan(0);
    for (const recorded of pairs) {
      const id = (JSON.parse(recorded.body) as ChatResponse).id;
      const fetch = fakeFetch(recordedResponse(recorded), recordedStreamResponse(streamedById.get(id)!));
      const client = new ClientV2({ apiKey: "k", fetch });
      const whole = await client.chat(request);
      const streamed = await (await client.chatStream(request)).finalResponse();
      const kept = (reply: ChatResponse) => ({
        id: reply.id,
        finish_reason: reply.finish_reason,
        billed_units: reply.usage?.billed_units,
        tokens: reply.usage?.tokens,
        parts: reply.message.content?.map((part) => part.type),
        citation_types: reply.message.citations?.map((citation) => citation.type).slice(0, 1),
      });
      expect(kept(streamed)).toEqual(kept(whole));
    }
  });
});

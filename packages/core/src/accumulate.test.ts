import { describe, expect, it } from "vitest";
import { accumulate, createReplyDraft, toChatResponse } from "./accumulate";
import { assembleResponse } from "./replyBuilder";
import { decodeEvents } from "./sse";
import { recordedStreams } from "./test/recordings";
import { delta, end, start, textStart } from "./test/streamEvents";
import type { StreamEvent } from "./types";

const byName = new Map(recordedStreams().map((stream) => [stream.name, decodeEvents([stream.sse])]));
const events = (name: string): StreamEvent[] => byName.get(name) ?? [];

describe("accumulate", () => {
  it("assembles the recorded tool-call stream into a plan and one call, as chat() returns it", () => {
    const reply = assembleResponse(events("stream-tool-call"));
    expect(reply.id).toBe("35c028fc-0223-47b6-8fae-ebd3255e9a63");
    expect(reply.finish_reason).toBe("TOOL_CALL");
    expect(reply.message.content).toBeUndefined();
    expect(reply.message.tool_plan).toMatch(/^I will use the Person tool/);
    expect(reply.message.tool_calls).toHaveLength(1);
    expect(JSON.parse(reply.message.tool_calls?.[0]?.function.arguments ?? "")).toBeTypeOf("object");
  });

  it("assembles a thinking block then a text block from the recorded reasoning stream", () => {
    const reply = assembleResponse(events("stream-thinking"));
    expect(reply.message.content?.map((part) => part.type)).toEqual(["thinking", "text"]);
    expect(reply.finish_reason).toBe("COMPLETE");
  });

  it("keeps citations that arrive after content-end, in order", () => {
    const reply = assembleResponse(events("stream-citations"));
    const text = reply.message.content?.[0];
    expect(text?.type).toBe("text");
    for (const citation of reply.message.citations ?? []) {
      expect(text?.type === "text" && text.text.slice(citation.start, citation.end)).toBe(citation.text);
    }
    expect(reply.message.citations?.length).toBeGreaterThan(0);
  });

  it("turns a tool call streamed with no arguments into arguments {}", () => {
    const reply = assembleResponse(events("stream-tool-call-no-args"));
    expect(reply.message.tool_calls?.map((call) => call.function.arguments)).toContain("{}");
  });

  it("assembles two parallel tool calls by index", () => {
    const calls = assembleResponse(events("stream-parallel-tool-calls")).message.tool_calls ?? [];
    expect(calls).toHaveLength(2);
    for (const call of calls) expect(() => JSON.parse(call.function.arguments)).not.toThrow();
  });

  it("keeps the identity of blocks a delta does not touch", () => {
    let draft = createReplyDraft();
    for (const event of [start, textStart, delta("a")]) draft = accumulate(draft, event);
    const thinkingStart = {
      type: "content-start",
      index: 1,
      delta: { message: { content: { type: "thinking", thinking: "" } } },
    } as const;
    draft = accumulate(draft, thinkingStart);
    const first = draft.message.content?.[0];
    const next = accumulate(draft, {
      type: "content-delta",
      index: 1,
      delta: { message: { content: { thinking: "hm" } } },
    });
    expect(next.message.content?.[0]).toBe(first);
    expect(next.message.content?.[1]).toEqual({ type: "thinking", thinking: "hm" });
    expect(draft.message.content?.[1]).toEqual({ type: "thinking", thinking: "" });
  });

  it("returns the same draft for events that change nothing, unknown ones included", () => {
    const draft = accumulate(createReplyDraft(), start);
    const unknown = { type: "brand-new", index: 0 } as unknown as StreamEvent;
    expect(accumulate(draft, unknown)).toBe(draft);
    expect(accumulate(draft, { type: "debug", prompt: "x" })).toBe(draft);
    expect(accumulate(draft, { type: "citation-end", index: 0 })).toBe(draft);
  });

  it("carries finish_reason ERROR and its error text like chat() does", () => {
    const reply = assembleResponse([
      start,
      textStart,
      delta("par"),
      { type: "message-end", delta: { finish_reason: "ERROR", error: "internal failure", usage: {} } },
    ]);
    expect(reply).toEqual({
      id: "r1",
      finish_reason: "ERROR",
      error: "internal failure",
      usage: {},
      message: { role: "assistant", content: [{ type: "text", text: "par" }] },
    });
  });

  it("ignores a delta for a block that never started, which the grammar judges fatal", () => {
    let draft = createReplyDraft();
    for (const event of [start, textStart, delta("Hello")]) draft = accumulate(draft, event);
    expect(accumulate(draft, delta("!", 1))).toBe(draft);
    const toolDelta = {
      type: "tool-call-delta",
      index: 0,
      delta: { message: { tool_calls: { function: { arguments: "{" } } } },
    } as const;
    expect(accumulate(draft, toolDelta)).toBe(draft);
    expect(accumulate(draft, { ...textStart, index: 3 })).toBe(draft);
  });

  it("leaves finish_reason out of a reply whose message-end never came", () => {
    const reply = toChatResponse([start, textStart, delta("Hi")].reduce(accumulate, createReplyDraft()));
    expect(reply).toEqual({
      id: "r1",
      message: { role: "assistant", content: [{ type: "text", text: "Hi" }] },
    });
    expect("finish_reason" in reply).toBe(false);
  });

  it("ends a reply on message-end with its usage", () => {
    const draft = [start, textStart, delta("Hi"), { type: "content-end", index: 0 } as const, end].reduce(
      accumulate,
      createReplyDraft(),
    );
    expect(draft.ended).toBe(true);
    expect(toChatResponse(draft).usage).toEqual({ tokens: { input_tokens: 1, output_tokens: 2 } });
  });
});

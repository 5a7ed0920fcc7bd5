import { createParser } from "eventsource-parser";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { StreamError } from "./errors";
import { createSseDecoder, DONE, decodeEvents, parseStreamEvent, type SseMessage } from "./sse";
import { recordedStreams } from "./test/recordings";

const encoder = new TextEncoder();

function messagesOf(chunks: Array<Uint8Array | string>): SseMessage[] {
  const messages: SseMessage[] = [];
  const decoder = createSseDecoder((message) => messages.push(message));
  for (const chunk of chunks) decoder.push(chunk);
  decoder.end();
  return messages;
}

/** Cuts bytes at the given offsets (sorted, deduplicated, inside the buffer). */
function cut(bytes: Uint8Array, offsets: number[]): Uint8Array[] {
  const points = [...new Set(offsets.filter((at) => at > 0 && at < bytes.length))].sort((a, b) => a - b);
  const chunks: Uint8Array[] = [];
  let from = 0;
  for (const at of points) {
    chunks.push(bytes.subarray(from, at));
    from = at;
  }
  chunks.push(bytes.subarray(from));
  return chunks;
}

const streams = recordedStreams();

describe("createSseDecoder", () => {
  it("finds every recorded stream", () => {
    expect(streams.map((stream) => stream.name)).toEqual([
      "stream-citations",
      "stream-parallel-tool-calls",
      "stream-thinking",
      "stream-tool-call-no-args",
      "stream-tool-call",
    ]);
  });

  for (const stream of streams) {
    const bytes = encoder.encode(stream.sse);
    const whole = decodeEvents([bytes]);

    it(`decodes ${stream.name} into events that end with message-end`, () => {
      expect(whole.length).toBeGreaterThan(3);
      expect(whole[0]?.type).toBe("message-start");
      expect(whole.at(-1)?.type).toBe("message-end");
    });

    it(`decodes ${stream.name} identically when fed one byte at a time`, () => {
      const oneByOne = Array.from(bytes, (byte) => Uint8Array.of(byte));
      expect(decodeEvents(oneByOne)).toEqual(whole);
    });

    it(`decodes ${stream.name} identically at random byte offsets, inside multi-byte characters too`, () => {
      fc.assert(
        fc.property(fc.array(fc.integer({ min: 1, max: bytes.length - 1 }), { maxLength: 64 }), (offsets) => {
          expect(decodeEvents(cut(bytes, offsets))).toEqual(whole);
        }),
        { numRuns: 150 },
      );
    });
  }

  it("keeps a multi-byte character whole when every byte arrives in its own chunk", () => {
    const text = "héllo 日本 🎉";
    const bytes = encoder.encode(`data: {"type":"x-y","t":"${text}"}\n\n`);
    const messages = messagesOf(Array.from(bytes, (byte) => Uint8Array.of(byte)));
    expect(JSON.parse(messages[0]!.data).t).toBe(text);
  });

  it("accepts CRLF, CR and LF line endings, data without a space, comments and keep-alives", () => {
    const body =
      ': keep-alive\r\nevent: a-b\r\ndata:{"n":1}\r\n\r\n:\revent: c-d\rdata: {"n":2}\r\r: ping\n\ndata: {"n":3}\n\n';
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: body.length - 1 })), (offsets) => {
        const points = [...new Set(offsets)].sort((a, b) => a - b);
        const chunks: string[] = [];
        let from = 0;
        for (const at of points) {
          chunks.push(body.slice(from, at));
          from = at;
        }
        chunks.push(body.slice(from));
        // A CR at the end of one chunk and LF at the start of the next is one line break, not two.
        expect(messagesOf(chunks)).toEqual([
          { event: "a-b", data: '{"n":1}' },
          { event: "c-d", data: '{"n":2}' },
          { event: undefined, data: '{"n":3}' },
        ]);
      }),
    );
  });

  it("joins several data lines of one event with a newline", () => {
    expect(messagesOf(["data: a\ndata: b\n\n"])).toEqual([{ event: undefined, data: "a\nb" }]);
  });

  it("drops an unterminated last event, as the SSE spec says", () => {
    expect(messagesOf(['data: {"type":"x"}\n\ndata: {"type":"partial"}'])).toEqual([
      { event: undefined, data: '{"type":"x"}' },
    ]);
  });
});

describe("createSseDecoder against eventsource-parser", () => {
  const lineBreak = fc.constantFrom("\n", "\r", "\r\n");
  const text = fc.string({ unit: fc.constantFrom("a", "Z", " ", ":", "é", "日", "🎉", "{", '"', "[DONE]") });
  const field = fc.oneof(
    fc.tuple(fc.constantFrom("data", "event", "id", "retry", "other"), fc.constantFrom(":", ": ", ""), text),
    fc.tuple(fc.constant(""), fc.constant(":"), text), // a comment
  );
  const block = fc.tuple(fc.array(fc.tuple(field, lineBreak), { maxLength: 4 }), lineBreak);
  const stream = fc
    .array(block, { maxLength: 8 })
    .map((blocks) =>
      blocks
        .map(
          ([lines, end]) =>
            lines.map(([[name, colon, value], br]) => name + colon + value + br).join("") + end,
        )
        .join(""),
    );

  function reference(chunks: string[]): SseMessage[] {
    const messages: SseMessage[] = [];
    const parser = createParser({
      onEvent: (message) => messages.push({ event: message.event || undefined, data: message.data }),
    });
    for (const chunk of chunks) parser.feed(chunk);
    return messages;
  }

  it("yields the same events as eventsource-parser for any stream cut anywhere", () => {
    fc.assert(
      fc.property(stream, fc.array(fc.nat(), { maxLength: 12 }), (body, offsets) => {
        const bytes = encoder.encode(body);
        const chunks = cut(
          bytes,
          offsets.map((offset) => (bytes.length ? offset % bytes.length : 0)),
        );
        const referenceChunks = [new TextDecoder().decode(bytes)];
        const ours = messagesOf(chunks).map((message) => ({
          event: message.event || undefined,
          data: message.data,
        }));
        expect(ours).toEqual(reference(referenceChunks));
      }),
      { numRuns: 2000 },
    );
  });
});

describe("parseStreamEvent", () => {
  it("ends the stream only on a payload that is exactly [DONE]", () => {
    expect(parseStreamEvent({ event: undefined, data: "[DONE]" })).toBe(DONE);
    const delta =
      '{"type":"content-delta","index":0,"delta":{"message":{"content":{"text":"say [DONE] now"}}}}';
    expect(parseStreamEvent({ event: "content-delta", data: delta })).toEqual(JSON.parse(delta));
  });

  it("passes unknown event types and unknown fields through untouched", () => {
    const data = '{"type":"brand-new","index":3,"extra":{"a":[1,2]}}';
    expect(parseStreamEvent({ event: "brand-new", data })).toEqual({
      type: "brand-new",
      index: 3,
      extra: { a: [1, 2] },
    });
  });

  it("raises StreamError naming the event on invalid JSON", () => {
    expect(() => parseStreamEvent({ event: "content-delta", data: '{"type":"content-delta",' })).toThrow(
      StreamError,
    );
    expect(() => parseStreamEvent({ event: "content-delta", data: "{oops" })).toThrow(
      /Invalid JSON in stream event "content-delta"/,
    );
  });

  it("raises StreamError on JSON that is not an event", () => {
    expect(() => parseStreamEvent({ event: undefined, data: "42" })).toThrow(/without a string "type"/);
  });
});

describe("decodeEvents", () => {
  it("stops at [DONE] and ignores what follows", () => {
    const events = decodeEvents([
      'data: {"type":"message-start"}\n\ndata: [DONE]\n\ndata: {"type":"late"}\n\n',
    ]);
    expect(events).toEqual([{ type: "message-start" }]);
  });
});

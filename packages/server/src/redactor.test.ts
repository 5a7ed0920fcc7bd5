import { describe, expect, it } from "vitest";
import { createRedactor, REDACTED } from "./redactor";
import { KEY, tracesIn } from "./test/secrets";
import { transcript } from "./test/transcript";

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Runs `text` through a stream redaction cut at `cuts` (byte offsets); returns each piece sent and the whole. */
function streamThrough(key: string, text: string, cuts: number[]): { pieces: string[]; whole: string } {
  const bytes = encoder.encode(text);
  const redaction = createRedactor(key).stream();
  const out: Uint8Array[] = [];
  let from = 0;
  for (const cut of [...cuts, bytes.length]) {
    out.push(redaction.push(bytes.subarray(from, cut)));
    from = cut;
  }
  out.push(redaction.end());
  const pieces = out.map((piece) => decoder.decode(piece));
  const whole = pieces.join("");
  transcript.push(whole);
  return { pieces, whole };
}

describe("createRedactor", () => {
  it("replaces the key, its JSON-escaped form and its \\/-escaped form in a text", () => {
    const key = 'sk-"odd\\key/42';
    const redactor = createRedactor(key);
    const escaped = JSON.stringify(key).slice(1, -1);
    expect(redactor.text(`a ${key} b ${escaped} c ${escaped.replaceAll("/", "\\/")} d`)).toBe(
      `a ${REDACTED} b ${REDACTED} c ${REDACTED} d`,
    );
  });

  it("replaces a truncated echo of 8 characters or more, and leaves shorter look-alikes alone", () => {
    const redactor = createRedactor(KEY);
    expect(redactor.text(`token ${KEY.slice(0, 20)}… is invalid`)).toBe(`token ${REDACTED}… is invalid`);
    expect(redactor.text(`the ${KEY.slice(0, 7)} prefix`)).toBe(`the ${KEY.slice(0, 7)} prefix`);
  });

  it("leaves a key shorter than 8 characters alone, so a test key does not corrupt every reply", () => {
    const reply = '{"text":"ok","usage":{"tokens":{"input_tokens":3}}}';
    expect(createRedactor("k").text(reply)).toBe(reply);
    expect(streamThrough("tokens", reply, [5, 17]).whole).toBe(reply);
  });

  it("never lets the key or a prefix of it through a stream, wherever the chunks are cut", () => {
    const text = `data: {"text":"your key is ${KEY}, again ${KEY}"}\n\n`;
    const expected = text.replaceAll(KEY, REDACTED);
    const length = encoder.encode(text).length;
    for (let a = 0; a <= length; a++) {
      for (let b = a; b <= length; b += 3) {
        const { pieces, whole } = streamThrough(KEY, text, [a, b]);
        expect(whole).toBe(expected);
        for (const piece of pieces) expect(tracesIn(piece)).toEqual([]);
      }
    }
  });

  it("redacts a key cut short at the end of the stream (34 of 35 characters) instead of flushing it", () => {
    for (let kept = 1; kept < KEY.length; kept++) {
      const { whole } = streamThrough(KEY, `error: ${KEY.slice(0, kept)}`, [3, 9]);
      expect(whole).toBe(`error: ${REDACTED}`);
    }
  });

  it("redacts a truncated key in the middle of a stream", () => {
    const { whole } = streamThrough(KEY, `key ${KEY.slice(0, 12)}... invalid\n\n`, [6, 10, 15]);
    expect(whole).toBe(`key ${REDACTED}... invalid\n\n`);
  });

  it("redacts the JSON-escaped form of a key split across chunks", () => {
    const key = 'k"ey/with\\quote-123';
    const escaped = JSON.stringify(key).slice(1, -1);
    const text = `{"message":"bad key ${escaped}"}`;
    for (let cut = 0; cut <= text.length; cut++) {
      expect(streamThrough(key, text, [cut]).whole).toBe(`{"message":"bad key ${REDACTED}"}`);
    }
  });

  it("holds nothing back from SSE frames, which end in a blank line, so no event is delayed", () => {
    const frame = 'event: content-delta\ndata: {"text":"sk"}\n\n';
    const { pieces } = streamThrough(KEY, frame + frame, [frame.length]);
    expect(pieces.slice(0, 2)).toEqual([frame, frame]);
  });

  it("keeps multi-byte characters cut between chunks whole", () => {
    const text = "héllo 🌍 wörld";
    const length = encoder.encode(text).length;
    for (let cut = 0; cut <= length; cut++) expect(streamThrough(KEY, text, [cut]).whole).toBe(text);
  });
});

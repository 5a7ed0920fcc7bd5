import { createRandom } from "./random";

/** The model and prompt every client sends; the fake server ignores them but checks the path. */
export const MODEL = "command-a-03-2025";
export const PROMPT = "Tell me a long story.";

// Token pool by kind, so a stream mixes what real replies carry: mostly ASCII words, then accented Latin,
// CJK, emoji (astral, ZWJ sequences, flags), text that JSON must escape (quotes, backslashes) and newlines.
const ASCII = [
  " the",
  " stream",
  " of",
  " tokens",
  " is",
  " long",
  ",",
  ".",
  " and",
  " fast",
  " Cohere",
  " 42",
];
const ACCENTED = [" café", " naïve", " Ångström", " señor", " über", " façade", " crème brûlée"];
const CJK = ["日本語", "の", "文字", "中文", "字符", "한국어", "テスト"];
const EMOJI = [" 🙂", "👩‍💻", "🇫🇷", " 🚀", "🧪"];
const ESCAPED = [' "quoted"', " \\path\\to", ' say "hi"', "\t"];
const NEWLINES = ["\n", "\n\n", ".\n"];
const KINDS: Array<[weight: number, pool: string[]]> = [
  [0.6, ASCII],
  [0.12, ACCENTED],
  [0.1, CJK],
  [0.06, EMOJI],
  [0.06, ESCAPED],
  [0.06, NEWLINES],
];

/** `count` tokens drawn from the mixed pool, the same for a given seed. */
export function makeTokens(count: number, seed = 1): string[] {
  const random = createRandom(seed);
  const tokens: string[] = new Array(count);
  for (let i = 0; i < count; i++) {
    let roll = random();
    let pool = ASCII;
    for (const [weight, candidates] of KINDS) {
      if (roll < weight) {
        pool = candidates;
        break;
      }
      roll -= weight;
    }
    tokens[i] = pool[Math.floor(random() * pool.length)]!;
  }
  return tokens;
}

/** One Cohere v2 server-sent event, byte for byte as the API writes it (spec 6.1). */
export function sseEvent(payload: object): string {
  return `event: ${(payload as { type: string }).type}\ndata: ${JSON.stringify(payload)}\n\n`;
}

/** The events of a text reply, one per string: message-start ... message-end, then `data: [DONE]`. */
export function cohereStreamEvents(tokens: readonly string[]): string[] {
  const events = [
    sseEvent({
      id: "6b7a0c52-1f3e-4c2a-9d8e-5a6b7c8d9e0f",
      type: "message-start",
      delta: { message: { role: "assistant", content: [], tool_plan: "", tool_calls: [], citations: [] } },
    }),
    sseEvent({
      type: "content-start",
      index: 0,
      delta: { message: { content: { type: "text", text: "" } } },
    }),
  ];
  for (const text of tokens) {
    events.push(sseEvent({ type: "content-delta", index: 0, delta: { message: { content: { text } } } }));
  }
  events.push(
    sseEvent({ type: "content-end", index: 0 }),
    sseEvent({
      type: "message-end",
      delta: {
        finish_reason: "COMPLETE",
        usage: {
          billed_units: { input_tokens: 6, output_tokens: tokens.length },
          tokens: { input_tokens: 70, output_tokens: tokens.length },
        },
      },
    }),
    "data: [DONE]\n\n",
  );
  return events;
}

/** A streamed reply: the whole SSE body and the text a correct client assembles from it. */
export interface StreamCorpus {
  body: Uint8Array;
  text: string;
  deltas: number;
}

export function cohereStream(deltas: number, seed = 1): StreamCorpus {
  const tokens = makeTokens(deltas, seed);
  return {
    body: new TextEncoder().encode(cohereStreamEvents(tokens).join("")),
    text: tokens.join(""),
    deltas,
  };
}

/**
 * Cuts the body into network reads of about `meanSize` bytes (uniform in [mean/2, 3*mean/2]) at arbitrary
 * offsets, so reads end inside lines, inside JSON and inside multi-byte characters. The chunks are views
 * into the one body: no copy, so every client pays the same and no byte is allocated per run.
 */
export function cutBody(body: Uint8Array, meanSize = 1024, seed = 7): Uint8Array[] {
  const random = createRandom(seed);
  const chunks: Uint8Array[] = [];
  for (let offset = 0; offset < body.length; ) {
    const size = Math.floor(meanSize / 2 + random() * meanSize);
    chunks.push(body.subarray(offset, offset + size));
    offset += size;
  }
  return chunks;
}

/** How the cuts fall: a benchmark that never splits a character or a line would prove nothing. */
export function cutStats(chunks: readonly Uint8Array[]): {
  reads: number;
  insideLine: number;
  insideChar: number;
} {
  let insideLine = 0;
  let insideChar = 0;
  for (let i = 1; i < chunks.length; i++) {
    const previous = chunks[i - 1]!;
    const first = chunks[i]![0]!;
    if (previous[previous.length - 1] !== 0x0a) insideLine++;
    // 0b10xxxxxx is a UTF-8 continuation byte: the cut went through a character.
    if ((first & 0xc0) === 0x80) insideChar++;
  }
  return { reads: chunks.length, insideLine, insideChar };
}

/** A non-streaming reply as Cohere sends it (spec 5), about 700 bytes. */
export function cohereReply(text: string): string {
  return JSON.stringify({
    id: "c14c80c3-18eb-4519-9460-6c92edd8cfb4",
    message: { role: "assistant", content: [{ type: "text", text }] },
    finish_reason: "COMPLETE",
    usage: {
      billed_units: { input_tokens: 6, output_tokens: 120 },
      tokens: { input_tokens: 70, output_tokens: 120 },
      cached_tokens: 0,
    },
  });
}

/** The reply text of the per-call benchmark: 120 mixed tokens. */
export const REPLY_TEXT = makeTokens(120, 3).join("");

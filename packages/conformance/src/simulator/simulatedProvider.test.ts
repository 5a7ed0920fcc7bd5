import type { ChatRequest, ChatResponse } from "@parley/core";
import { assembleResponse, checkStreamGrammar, decodeEvents } from "@parley/core/protocol";
import { describe, expect, it, vi } from "vitest";
import { withFaults } from "../faults/faults";
import { schemaProblems } from "../test/schemaProblems";
import { createSimulatedProvider, type SimulatedProviderOptions } from "./simulatedProvider";

const URL = "http://sim.test/v2/chat";
const MODEL = "command-a-03-2025";

function provider(options: SimulatedProviderOptions = {}) {
  return createSimulatedProvider({ tokensPerSecond: 0, firstTokenDelayMs: 0, ...options });
}

async function both(request: Omit<ChatRequest, "model">, options?: SimulatedProviderOptions) {
  const fetch = provider(options);
  const post = (stream: boolean) =>
    fetch(URL, { method: "POST", body: JSON.stringify({ model: MODEL, ...request, stream }) });
  const plain = await post(false);
  const streamed = await post(true);
  const text = await streamed.text();
  const events = decodeEvents([text]);
  return {
    plain,
    reply: (await plain.json()) as ChatResponse,
    streamed,
    text,
    events,
    assembled: assembleResponse(events),
  };
}

const textOf = (reply: ChatResponse) => reply.message.content?.find((c) => c.type === "text")?.text ?? "";
const argumentsOf = (reply: ChatResponse) =>
  (reply.message.tool_calls ?? []).map((call) => [call.function.name, JSON.parse(call.function.arguments)]);

// The demo's tools (apps/demo/src/tools/demoTools.ts) as they go on the wire.
const DEMO_TOOLS = [
  {
    type: "function" as const,
    function: {
      name: "get_current_time",
      description:
        "Reads the clock: the current date and time where the user is, or in a given IANA time zone.",
      parameters: {
        type: "object",
        properties: { time_zone: { type: "string", description: "An IANA time zone such as Europe/Paris" } },
      },
    },
  },
  {
    type: "function" as const,
    function: {
      name: "calculator",
      description:
        "A calculator: evaluates an arithmetic expression with + - * / % ^, parentheses, sqrt, abs and round.",
      parameters: {
        type: "object",
        properties: { expression: { type: "string", description: "For example (12 + 3) * 4" } },
        required: ["expression"],
      },
    },
  },
];

/** Where each content delta of a stream ends, in the joined text. */
function deltaEnds(events: ReturnType<typeof decodeEvents>): number[] {
  const ends: number[] = [];
  let length = 0;
  for (const event of events) {
    if (event.type !== "content-delta") continue;
    length += (event.delta?.message?.content as { text?: string } | undefined)?.text?.length ?? 0;
    ends.push(length);
  }
  return ends;
}

/** The offsets of a JSON text that fall inside a string literal. */
function insideStrings(json: string): Set<number> {
  const inside = new Set<number>();
  let open = false;
  for (let i = 0; i < json.length; i++) {
    const c = json[i];
    if (open && c === "\\") {
      inside.add(i).add(i + 1);
      i++;
    } else if (c === '"') open = !open;
    else if (open) inside.add(i);
  }
  return inside;
}

describe("createSimulatedProvider", () => {
  it("answers a prompt with text derived from it, non-ASCII included, in both modes alike", async () => {
    const r = await both({ messages: [{ role: "user", content: "Tell me about Zürich 🌍" }] });
    expect(r.plain.headers.get("content-type")).toBe("application/json");
    expect(r.streamed.headers.get("content-type")).toBe("text/event-stream");
    expect(r.plain.headers.get("x-debug-trace-id")).toMatch(/^[0-9a-f]{32}$/);
    expect(textOf(r.reply)).toContain("Zürich 🌍");
    expect(textOf(r.reply)).toMatch(/\P{ASCII}/u);
    expect(r.reply.finish_reason).toBe("COMPLETE");
    expect(r.assembled).toEqual(r.reply);
    expect(checkStreamGrammar(r.events, { done: true })).toEqual([]);
  });

  it("frames every event as Cohere does and ends with [DONE]", async () => {
    const r = await both({ messages: [{ role: "user", content: "Hi" }] });
    const frames = r.text.split("\n\n");
    expect(frames.at(-1)).toBe("");
    expect(frames.at(-2)).toBe("data: [DONE]");
    for (const frame of frames.slice(0, -2)) {
      const [eventLine, dataLine, ...rest] = frame.split("\n");
      expect(rest).toEqual([]);
      const data = JSON.parse(dataLine!.replace(/^data: /, ""));
      expect(eventLine).toBe(`event: ${data.type}`);
    }
  });

  it("is deterministic: the same request gives the same bytes, another seed another reply", async () => {
    const request = { messages: [{ role: "user" as const, content: "Write a story about a fox." }] };
    const a = await both(request);
    const b = await both(request);
    const c = await both(request, { seed: 7 });
    expect(b.text).toBe(a.text);
    expect(b.reply).toEqual(a.reply);
    expect(c.reply.id).not.toBe(a.reply.id);
  });

  it("stops at max_tokens with MAX_TOKENS, and usage counts exactly the tokens sent", async () => {
    const r = await both({
      messages: [{ role: "user", content: "Write a long essay on bridges." }],
      max_tokens: 7,
    });
    expect(r.reply.finish_reason).toBe("MAX_TOKENS");
    expect(r.reply.usage?.billed_units?.output_tokens).toBe(7);
    expect(r.events.filter((e) => e.type === "content-delta")).toHaveLength(7);
    expect(r.assembled).toEqual(r.reply);
  });

  it("stops before a stop sequence and does not return it", async () => {
    const r = await both({
      messages: [{ role: "user", content: "Repeat exactly: alpha beta gamma delta" }],
      stop_sequences: ["gamma"],
    });
    expect(r.reply.finish_reason).toBe("STOP_SEQUENCE");
    expect(textOf(r.reply)).toContain("alpha beta ");
    expect(textOf(r.reply)).not.toContain("gamma");
    expect(r.assembled).toEqual(r.reply);
  });

  it("follows the system message", async () => {
    const r = await both({
      messages: [
        { role: "system", content: "Always begin your reply with the word PINEAPPLE. Be brief." },
        { role: "user", content: "Hello there" },
      ],
    });
    expect(textOf(r.reply).startsWith("PINEAPPLE ")).toBe(true);
  });

  it("calls a matching tool with the schema's required arguments, then answers from its result", async () => {
    const tools = [
      {
        type: "function" as const,
        function: {
          name: "get_weather",
          description: "Current weather for a city",
          parameters: {
            type: "object",
            properties: { city: { type: "string" }, days: { type: "integer" }, unit: { type: "string" } },
            required: ["city", "days"],
          },
        },
      },
    ];
    const prompt = "What is the weather in Toronto for 3 days?";
    const first = await both({ messages: [{ role: "user", content: prompt }], tools });
    expect(first.reply.finish_reason).toBe("TOOL_CALL");
    expect(first.reply.message.tool_plan).toContain("get_weather");
    const call = first.reply.message.tool_calls?.[0];
    expect(call?.function.name).toBe("get_weather");
    expect(JSON.parse(call!.function.arguments)).toEqual({ city: "Toronto", days: 3 });
    expect(first.assembled).toEqual(first.reply);

    const second = await both({
      messages: [
        { role: "user", content: prompt },
        {
          role: "assistant",
          tool_plan: first.reply.message.tool_plan,
          tool_calls: first.reply.message.tool_calls,
        },
        {
          role: "tool",
          tool_call_id: call!.id,
          content: [{ type: "document", document: { data: { temp_c: 21, sky: "clear" } } }],
        },
      ],
      tools,
    });
    expect(second.reply.finish_reason).toBe("COMPLETE");
    const text = textOf(second.reply);
    expect(text).toContain("temp_c 21, sky clear");
    const citation = second.reply.message.citations?.[0];
    expect(citation?.sources?.[0]).toMatchObject({ type: "tool", id: `${call!.id}:0` });
    expect(text.slice(citation!.start, citation!.end)).toBe(citation!.text);
  });

  it("cites documents with offsets that slice out exactly the cited text", async () => {
    const r = await both({
      messages: [{ role: "user", content: "What do the documents say about café hours?" }],
      documents: [
        {
          id: "hours",
          data: { title: "Hours", text: "The café opens at 7 — and closes at 19. Closed on Mondays." },
        },
        "Crème brûlée is served all day 🍮.",
      ],
    });
    const citations = r.reply.message.citations ?? [];
    expect(citations).toHaveLength(2);
    const text = textOf(r.reply);
    for (const citation of citations) expect(text.slice(citation.start, citation.end)).toBe(citation.text);
    expect(citations.map((c) => c.sources?.[0]?.id)).toEqual(["hours", "doc:1"]);
    expect(r.assembled).toEqual(r.reply);
    expect(checkStreamGrammar(r.events, { done: true })).toEqual([]);
  });

  it("leaves citations out when citation_options turns them off", async () => {
    const r = await both({
      messages: [{ role: "user", content: "Summarize" }],
      documents: ["A short note."],
      citation_options: { mode: "OFF" },
    });
    expect(r.reply.message.citations).toBeUndefined();
  });

  it("thinks first when thinking is enabled, within its token budget", async () => {
    const r = await both({
      messages: [{ role: "user", content: "What is 2 + 2?" }],
      thinking: { type: "enabled", token_budget: 5 },
    });
    const content = r.reply.message.content ?? [];
    expect(content.map((c) => c.type)).toEqual(["thinking", "text"]);
    expect(r.events.filter((e) => e.type === "content-delta" && e.index === 0)).toHaveLength(5);
    expect(r.assembled).toEqual(r.reply);
  });

  it("answers JSON mode with valid JSON that follows the schema", async () => {
    const r = await both({
      messages: [{ role: "user", content: "Describe Lisbon in JSON." }],
      response_format: {
        type: "json_object",
        json_schema: {
          type: "object",
          properties: {
            city: { type: "string" },
            population: { type: "integer" },
            tags: { type: "array", items: { type: "string" } },
          },
          required: ["city"],
        },
      },
    });
    expect(JSON.parse(textOf(r.reply))).toEqual({ city: "Lisbon", population: 1, tags: ["Lisbon"] });
  });

  it("fills the calculator's expression from the prompt, even when the prompt does not name the tool", async () => {
    for (const [prompt, expression] of [
      ["What is (12 + 3) * 4? Use the calculator.", "(12 + 3) * 4"],
      ["What is 17 times 3?", "17 * 3"],
      ["How much is 15% of 80?", "15 / 100 * 80"],
    ]) {
      const r = await both({ messages: [{ role: "user", content: prompt as string }], tools: DEMO_TOOLS });
      expect(r.reply.finish_reason).toBe("TOOL_CALL");
      expect(argumentsOf(r.reply)).toEqual([["calculator", { expression }]]);
      expect(r.assembled).toEqual(r.reply);
    }
  });

  it("asks the clock for the time zone the prompt names, and for none when it names none", async () => {
    const ask = async (content: string) =>
      argumentsOf((await both({ messages: [{ role: "user", content }], tools: DEMO_TOOLS })).reply);
    expect(await ask("What time is it in Tokyo?")).toEqual([
      ["get_current_time", { time_zone: "Asia/Tokyo" }],
    ]);
    expect(await ask("What time is it in New York?")).toEqual([
      ["get_current_time", { time_zone: "America/New_York" }],
    ]);
    expect(await ask("What time is it? Check the clock.")).toEqual([["get_current_time", {}]]);
  });

  it("calls a tool once per place, in parallel, when the prompt names several, in stream and plain alike", async () => {
    const weather = {
      type: "function" as const,
      function: {
        name: "get_weather",
        description: "Current weather for a city",
        parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] },
      },
    };
    const r = await both({
      messages: [{ role: "user", content: "Weather in Paris and Oslo?" }],
      tools: [weather],
    });
    expect(r.reply.finish_reason).toBe("TOOL_CALL");
    expect(argumentsOf(r.reply)).toEqual([
      ["get_weather", { city: "Paris" }],
      ["get_weather", { city: "Oslo" }],
    ]);
    expect(new Set(r.reply.message.tool_calls?.map((call) => call.id)).size).toBe(2);
    expect(r.assembled).toEqual(r.reply);
    expect(checkStreamGrammar(r.events)).toEqual([]);
    const clock = await both({
      messages: [{ role: "user", content: "What time is it in Tokyo and in New York?" }],
      tools: DEMO_TOOLS,
    });
    expect(argumentsOf(clock.reply)).toEqual([
      ["get_current_time", { time_zone: "Asia/Tokyo" }],
      ["get_current_time", { time_zone: "America/New_York" }],
    ]);
    const one = await both({ messages: [{ role: "user", content: "Weather in Paris?" }], tools: [weather] });
    expect(argumentsOf(one.reply)).toEqual([["get_weather", { city: "Paris" }]]);
  });

  it("makes one call when the places fill different arguments, or when only one of them has a time zone", async () => {
    const flights = {
      type: "function" as const,
      function: {
        name: "search_flights",
        description: "Flights between two cities",
        parameters: {
          type: "object",
          properties: { origin: { type: "string" }, destination: { type: "string" } },
          required: ["origin", "destination"],
        },
      },
    };
    const flight = await both({
      messages: [{ role: "user", content: "Find flights from Paris to Oslo" }],
      tools: [flights],
    });
    expect(argumentsOf(flight.reply)).toHaveLength(1);
    const clock = await both({
      messages: [{ role: "user", content: "What time is it in Paris and in Springfield?" }],
      tools: DEMO_TOOLS,
    });
    expect(argumentsOf(clock.reply)).toEqual([["get_current_time", { time_zone: "Europe/Paris" }]]);
  });

  it("words its reply by the request's seed: the same seed the same bytes, other seeds other words", async () => {
    const tools = DEMO_TOOLS;
    const messages = [
      { role: "user" as const, content: "What time is it in Tokyo?" },
      {
        role: "assistant" as const,
        tool_plan: "I will check the clock.",
        tool_calls: [
          {
            id: "get_current_time_0",
            type: "function" as const,
            function: { name: "get_current_time", arguments: '{"time_zone":"Asia/Tokyo"}' },
          },
        ],
      },
      {
        role: "tool" as const,
        tool_call_id: "get_current_time_0",
        content: [
          {
            type: "document" as const,
            document: {
              data: { title: "get_current_time: Asia/Tokyo", time: "10:00", time_zone: "Asia/Tokyo" },
            },
          },
        ],
      },
    ];
    const plain = await both({ messages, tools });
    const again = await both({ messages, tools });
    expect(again.text).toBe(plain.text);
    // Without a seed, the default wording.
    expect(textOf(plain.reply)).toContain(
      "The get_current_time tool returned time 10:00, time_zone Asia/Tokyo.",
    );

    const texts = new Set<string>();
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      const first = await both({ messages, tools, seed });
      const second = await both({ messages, tools, seed });
      expect(second.text).toBe(first.text);
      expect(first.assembled).toEqual(first.reply);
      const text = textOf(first.reply);
      // Whatever the wording, the prompt is quoted and the tool's result cited, its title left to the source.
      expect(text).toContain("You wrote “What time is it in Tokyo?” ");
      expect(text).not.toContain("title");
      const citation = first.reply.message.citations?.[0];
      expect(text.slice(citation?.start, citation?.end)).toBe("time 10:00, time_zone Asia/Tokyo");
      expect(citation?.sources?.[0]).toMatchObject({
        type: "tool",
        id: "get_current_time_0:0",
        tool_output: { title: "get_current_time: Asia/Tokyo" },
      });
      texts.add(text);
    }
    expect(texts.size).toBeGreaterThanOrEqual(4);
    expect(texts.has(textOf(plain.reply))).toBe(false);
  });

  it("streams a JSON reply that fits its schema in small pieces, cut inside strings too", async () => {
    const json_schema = {
      type: "object",
      properties: {
        city: { type: "string" },
        country: { type: "string", enum: ["Portugal", "Spain"] },
        population: { type: "integer", minimum: 0 },
        districts: {
          type: "array",
          items: { type: "object", properties: { name: { type: "string" } }, required: ["name"] },
          minItems: 2,
        },
        founded: { type: "string", format: "date" },
      },
      required: ["city", "country", "population", "districts"],
      additionalProperties: false,
    };
    const r = await both({
      messages: [{ role: "user", content: "Describe Lisbon, with 545000 people, as JSON." }],
      response_format: { type: "json_object", json_schema },
    });
    const text = textOf(r.reply);
    const value = JSON.parse(text);
    expect(schemaProblems(value, json_schema)).toEqual([]);
    expect(value).toMatchObject({ city: "Lisbon", country: "Portugal", population: 545000 });
    expect(r.assembled).toEqual(r.reply);
    expect(checkStreamGrammar(r.events, { done: true })).toEqual([]);

    const ends = deltaEnds(r.events);
    expect(ends.length).toBeGreaterThanOrEqual(text.length / 6);
    const inside = insideStrings(text);
    expect(ends.filter((end) => inside.has(end - 1) && inside.has(end)).length).toBeGreaterThan(3);
    expect(r.reply.usage?.billed_units?.output_tokens).toBe(ends.length);
  });

  it("answers JSON mode without a schema with the keys the prompt names, or the answer and the question", async () => {
    const named = await both({
      messages: [
        { role: "user", content: "Give the capital of Portugal as JSON with the keys city and country." },
      ],
      response_format: { type: "json_object" },
    });
    expect(JSON.parse(textOf(named.reply))).toEqual({ city: "Portugal", country: "Portugal" });
    const plain = await both({
      messages: [{ role: "user", content: "Say hello in JSON." }],
      response_format: { type: "json_object" },
    });
    expect(JSON.parse(textOf(plain.reply))).toMatchObject({ prompt: "Say hello in JSON." });
    expect(deltaEnds(plain.events).length).toBeGreaterThan(5);
  });

  it("answers bad requests with Cohere's errors", async () => {
    const fetch = provider({ apiKey: "sk-test" });
    const post = (body: unknown, key = "sk-test") =>
      fetch(URL, { method: "POST", headers: { authorization: `Bearer ${key}` }, body: JSON.stringify(body) });
    const ok = { model: MODEL, messages: [{ role: "user", content: "Hi" }] };

    const cases: Array<[Promise<Response>, number, RegExp]> = [
      [post(ok, "wrong"), 401, /invalid api token/],
      [fetch(URL, { method: "POST", body: JSON.stringify(ok) }), 401, /no api key supplied/],
      [post({ messages: ok.messages }), 400, /invalid request: model/],
      [post({ model: MODEL }), 400, /invalid request: messages/],
      [post({ ...ok, temperature: 3 }), 400, /temperature/],
      [post({ ...ok, model: "gpt-nope" }), 404, /model 'gpt-nope' not found/],
      [fetch("http://sim.test/v1/other", { method: "POST" }), 404, /not found/],
    ];
    for (const [pending, status, message] of cases) {
      const response = await pending;
      expect(response.status).toBe(status);
      expect(response.headers.get("content-type")).toBe("application/json");
      expect((await response.json()).message).toMatch(message);
    }
  });

  it("composes with withFaults: a 429 with Retry-After, then the reply", async () => {
    const fetch = withFaults(provider(), { rateLimit: { times: 1, retryAfterSeconds: 2 } });
    const post = () =>
      fetch(URL, {
        method: "POST",
        body: JSON.stringify({ model: MODEL, messages: [{ role: "user", content: "Hi" }] }),
      });
    const limited = await post();
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("2");
    expect((await limited.json()).message).toMatch(/limit/);
    expect((await post()).status).toBe(200);
  });

  it("paces the stream: the first token after firstTokenDelayMs, then one token per 1/tokensPerSecond", async () => {
    vi.useFakeTimers();
    try {
      const fetch = createSimulatedProvider({ tokensPerSecond: 10, firstTokenDelayMs: 500 });
      const response = await fetch(URL, {
        method: "POST",
        body: JSON.stringify({ model: MODEL, messages: [{ role: "user", content: "Hi" }], stream: true }),
      });
      const reader = response.body!.getReader();
      const decoder = new TextDecoder();
      const read = async () => decoder.decode((await reader.read()).value);
      expect(await read()).toContain("message-start");
      expect(await read()).toContain("content-start");
      let pending = read();
      await vi.advanceTimersByTimeAsync(499);
      let settled = false;
      void pending.then(() => (settled = true));
      await Promise.resolve();
      expect(settled).toBe(false);
      await vi.advanceTimersByTimeAsync(1);
      expect(await pending).toContain("content-delta");
      pending = read();
      await vi.advanceTimersByTimeAsync(100);
      expect(await pending).toContain("content-delta");
      await reader.cancel();
    } finally {
      vi.useRealTimers();
    }
  });

  it("serves only the listed models when given a list", async () => {
    const fetch = provider({ models: ["house-model"] });
    const post = (model: string) =>
      fetch(URL, {
        method: "POST",
        body: JSON.stringify({ model, messages: [{ role: "user", content: "Hi" }] }),
      });
    expect((await post("house-model")).status).toBe(200);
    expect((await post(MODEL)).status).toBe(404);
  });
});

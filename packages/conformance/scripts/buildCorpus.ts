// Builds packages/conformance/corpus/*.json: cassettes converted from the real Cohere recordings in
// packages/core/src/__fixtures__/cohere-real/ plus authored ones that cover every stream event type, every finish
// reason, split-prone Unicode and the error statuses. Run: pnpm --filter @parley/conformance corpus [--check]
// (--check writes nothing and exits 1 when the committed corpus differs from what this script builds). Scenario
// data shared with the suite's cases comes from src/suite/scenarios.ts.
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { WEATHER_CALL, WEATHER_QUESTION, WEATHER_RESULT, WEATHER_TOOL } from "../src/suite/scenarios";

type Json = Record<string, unknown>;
interface BlockSpec {
  type: "text" | "thinking";
  deltas: string[];
}
interface ReplySpec {
  content?: BlockSpec[];
  tool_plan?: string[];
  tool_calls?: Array<{ id: string; name: string; arguments: string[] }>;
  /** Each citation is emitted right after the delta numbered `after` (1-based) of the text block. */
  citations?: Array<{ text: string; after: number; sources: unknown[] }>;
  finish_reason: string;
  output_tokens?: number;
  error?: string;
}
interface Scenario {
  name: string;
  notes: string;
  request: Json;
  reply: ReplySpec;
}
interface ErrorScenario {
  name: string;
  notes: string;
  request: Json;
  stream?: boolean;
  status: number;
  message: string;
}
interface Fixture {
  status: number;
  headers: Record<string, string>;
  body: string;
  body_exact?: boolean;
  request_body?: string;
}

const here = dirname(fileURLToPath(import.meta.url));
const FIXTURES = join(here, "../../core/src/__fixtures__/cohere-real");
const CORPUS = join(here, "../corpus");
const FIXTURE_PATH = "packages/core/src/__fixtures__/cohere-real";
const MODEL = "command-a-03-2025";

// ---------------------------------------------------------------------------------------------------------------
// Real recordings. Most sources kept only the response; the request each one answered is reconstructed here
// from what the response shows (documents, tools, limits), and the cassette's notes say so.

const benefitsDoc = {
  data: {
    title: "benefits.txt",
    text: "AI provides: 1. Automation of tasks 2. Better decision-making 3. Cost reduction",
  },
};
const weatherTools = [
  tool(
    "weather",
    "Get the weather in a location",
    { location: { type: "string", description: "The location" } },
    ["location"],
  ),
  tool(
    "cityAttractions",
    "Get the attractions in a city",
    { city: { type: "string", description: "The city" } },
    ["city"],
  ),
];
const timeTools = [tool("currentTime", "Get the current time", {}, [])];

const RECONSTRUCTED: Record<string, Json> = {
  "chat-citations-typed": {
    messages: [user("What are the key benefits mentioned in this document?")],
    documents: [benefitsDoc],
  },
  "chat-max-tokens": { messages: [user("Write an essay about the history of computing.")], max_tokens: 5 },
  "chat-thinking": {
    model: "command-a-reasoning-08-2025",
    messages: [user("What is 2 + 2?")],
    thinking: { type: "enabled" },
  },
  "chat-parallel-tool-calls": {
    messages: [user("What is the weather in San Francisco and what attractions are there?")],
    tools: weatherTools,
  },
  "chat-tool-call-empty-args": { messages: [user("What time is it?")], tools: timeTools },
  "error-400-invalid-request": { messages: [] },
  // Replay matches bodies only (recordings keep no header), so an error that no body causes is recorded for a
  // prompt that asks for it: an ordinary request must never be answered with it.
  "error-401-invalid-token": { messages: [user("This request is sent with an invalid API key.")] },
  "stream-citations": {
    messages: [user("Summarize the key benefits in one sentence.")],
    documents: [benefitsDoc],
  },
  "stream-thinking": {
    model: "command-a-reasoning-08-2025",
    messages: [user("Add 2 and 2.")],
    thinking: { type: "enabled" },
  },
  "stream-parallel-tool-calls": {
    messages: [user("Weather and sights in San Francisco?")],
    tools: weatherTools,
  },
  "stream-tool-call-no-args": { messages: [user("What is the current time?")], tools: timeTools },
};

function realCassettes(): Record<string, Json> {
  const files = readdirSync(FIXTURES).sort();
  const out: Record<string, Json> = {};
  for (const file of files) {
    const name = file.replace(/\.(json|jsonl|sse)$/, "");
    if (file.endsWith(".meta.json") || file === "PROVENANCE.md") continue;
    if (file.endsWith(".json")) out[`cohere-${name}.json`] = fromJsonFixture(name, readJson(file));
    else out[`cohere-${name}.json`] = fromStreamFixture(name, readJson(`${name}.meta.json`), file);
  }
  return out;
}

function fromJsonFixture(name: string, fixture: Fixture): Json {
  const request = requestFor(name, fixture.request_body, false);
  const response = {
    status: fixture.status,
    headers: { "content-type": "application/json", ...fixture.headers },
    body: JSON.parse(fixture.body),
  };
  const exact =
    fixture.body_exact === false ? " The body was rebuilt from a printed report (body_exact: false)." : "";
  return cassette(name, `${provenance(fixture.request_body, `${name}.json`)}${exact}`, [
    { request, response },
  ]);
}

function fromStreamFixture(name: string, meta: Fixture, file: string): Json {
  const raw = readFileSync(join(FIXTURES, file), "utf8");
  // .sse files are the wire bytes: one chunk per event, as the server framed them. .jsonl files hold payloads only
  // and are framed the way Cohere frames them.
  const chunks = file.endsWith(".sse")
    ? raw.split(/(?<=\n\n)/)
    : [
        ...raw
          .split("\n")
          .filter(Boolean)
          .map((line) => frame(JSON.parse(line))),
        "data: [DONE]\n\n",
      ];
  const headers = { "content-type": "text/event-stream", ...withoutTransfer(meta.headers) };
  const request = requestFor(name, meta.request_body, true);
  const recordedAt = meta.headers.date ? new Date(meta.headers.date).toISOString() : undefined;
  return cassette(
    name,
    provenance(meta.request_body, file),
    [{ request, response: { status: meta.status, headers, chunks } }],
    recordedAt,
  );
}

function requestFor(name: string, recordedBody: string | undefined, stream: boolean): Json {
  if (recordedBody) return { method: "POST", path: "/v2/chat", body: JSON.parse(recordedBody) };
  const body = RECONSTRUCTED[name];
  if (!body)
    throw new Error(`${FIXTURE_PATH}: no reconstructed request for ${name}; add one to RECONSTRUCTED`);
  return { method: "POST", path: "/v2/chat", body: { model: MODEL, ...body, stream } };
}

function provenance(recordedBody: string | undefined, file: string): string {
  const request = recordedBody
    ? "The request is the recorded one."
    : "The source kept no request; this one is reconstructed from the response.";
  return `Real Cohere response, converted from ${FIXTURE_PATH}/${file} (see PROVENANCE.md there). ${request}`;
}

// ---------------------------------------------------------------------------------------------------------------
// Authored scenarios. Each reply is written once, as blocks of deltas; the stream and the non-stream response are
// both derived from it, so the two always agree (the corpus test checks this with core's reducer).

const AUTHORED: Scenario[] = [
  {
    name: "complete-unicode",
    notes:
      "COMPLETE; text full of multi-byte characters (2, 3 and 4 bytes, combining marks, right-to-left) split across deltas.",
    request: { messages: [user("Say hello in several languages, with emoji.")] },
    reply: {
      content: [
        {
          type: "text",
          deltas: [
            "Grüße aus Zürich! ",
            "日本語で「こんにちは」。",
            " Emoji: 🌍🚀👩‍💻",
            ", café with e\u0301",
            ", שלום, Привет.",
          ],
        },
      ],
      finish_reason: "COMPLETE",
    },
  },
  {
    name: "stop-sequence",
    notes: "STOP_SEQUENCE: the output stops before the stop sequence, which is not returned.",
    request: { messages: [user("Count from one to ten, then write END.")], stop_sequences: ["END"] },
    reply: {
      content: [
        { type: "text", deltas: ["One, two, three, ", "four, five, six, ", "seven, eight, nine, ten. "] },
      ],
      finish_reason: "STOP_SEQUENCE",
    },
  },
  {
    name: "max-tokens",
    notes: "MAX_TOKENS: the reply is cut at max_tokens.",
    request: { messages: [user("Tell me a long story about a lighthouse.")], max_tokens: 6 },
    reply: {
      content: [{ type: "text", deltas: ["Once upon", " a time, a", " lighthouse"] }],
      finish_reason: "MAX_TOKENS",
      output_tokens: 6,
    },
  },
  {
    name: "tool-call",
    notes: "TOOL_CALL: a tool plan, then one call whose JSON arguments arrive in fragments.",
    request: { messages: [user(WEATHER_QUESTION)], tools: [WEATHER_TOOL] },
    reply: {
      tool_plan: ["I will look up ", "the weather in Toronto."],
      tool_calls: [
        {
          id: "get_weather_4ms7z1x2q0ab",
          name: WEATHER_CALL.name,
          arguments: fragments(WEATHER_CALL.arguments),
        },
      ],
      finish_reason: "TOOL_CALL",
    },
  },
  {
    name: "tool-result-citations",
    notes:
      "COMPLETE after a tool result; citations to the tool output arrive between the content deltas, before content-end.",
    request: {
      messages: [
        user(WEATHER_QUESTION),
        {
          role: "assistant",
          tool_plan: "I will look up the weather in Toronto.",
          tool_calls: [{ id: "get_weather_4ms7z1x2q0ab", type: "function", function: { ...WEATHER_CALL } }],
        },
        {
          role: "tool",
          tool_call_id: "get_weather_4ms7z1x2q0ab",
          content: [{ type: "document", document: { data: { ...WEATHER_RESULT } } }],
        },
      ],
      tools: [WEATHER_TOOL],
    },
    reply: {
      content: [
        {
          type: "text",
          deltas: [
            "It is ",
            `${WEATHER_RESULT.temperature_c}°C`,
            " and the sky is ",
            WEATHER_RESULT.sky,
            " in Toronto.",
          ],
        },
      ],
      citations: [
        {
          text: `${WEATHER_RESULT.temperature_c}°C`,
          after: 2,
          sources: [{ type: "tool", id: "get_weather_4ms7z1x2q0ab:0", tool_output: { ...WEATHER_RESULT } }],
        },
        {
          text: WEATHER_RESULT.sky,
          after: 4,
          sources: [{ type: "tool", id: "get_weather_4ms7z1x2q0ab:0", tool_output: { ...WEATHER_RESULT } }],
        },
      ],
      finish_reason: "COMPLETE",
    },
  },
  {
    name: "documents-citations",
    notes:
      "COMPLETE with documents: two citations whose offsets index the generated text (characters, end exclusive).",
    request: {
      messages: [user("When do performance reviews happen, and who runs them?")],
      documents: [
        {
          id: "policy-7",
          data: { title: "HR policy", text: "Reviews happen every March. Managers run the reviews." },
        },
        { id: "policy-9", data: { title: "Büro policy", text: "Offices close on 24 December." } },
      ],
    },
    reply: {
      content: [
        { type: "text", deltas: ["Performance reviews happen ", "every March", "; your manager runs them."] },
      ],
      citations: [
        {
          text: "every March",
          after: 2,
          sources: [
            docSource("policy-7", "HR policy", "Reviews happen every March. Managers run the reviews."),
          ],
        },
        {
          text: "your manager runs them",
          after: 3,
          sources: [
            docSource("policy-7", "HR policy", "Reviews happen every March. Managers run the reviews."),
          ],
        },
      ],
      finish_reason: "COMPLETE",
    },
  },
  {
    name: "thinking",
    notes: "COMPLETE from a reasoning model: a thinking block at index 0, then the text block at index 1.",
    request: {
      model: "command-a-reasoning-08-2025",
      messages: [user("Is 91 prime?")],
      thinking: { type: "enabled", token_budget: 200 },
    },
    reply: {
      content: [
        { type: "thinking", deltas: ["91 = 7 × 13,", " so it has divisors", " other than 1 and itself."] },
        { type: "text", deltas: ["No: ", "91 = 7 × 13."] },
      ],
      finish_reason: "COMPLETE",
    },
  },
  {
    name: "json-mode",
    notes: "COMPLETE in JSON mode: the text is a JSON object matching the schema.",
    request: {
      messages: [user("Give me a city and its country as JSON.")],
      response_format: {
        type: "json_object",
        json_schema: {
          type: "object",
          properties: { city: { type: "string" }, country: { type: "string" } },
          required: ["city", "country"],
        },
      },
    },
    reply: {
      content: [{ type: "text", deltas: ['{"city": "Z', 'ürich", "coun', 'try": "Switzerland"}'] }],
      finish_reason: "COMPLETE",
    },
  },
  {
    name: "finish-error",
    notes:
      "ERROR: generation failed after the stream started; message-end carries the error (the spec's shape).",
    request: { messages: [user("Write a poem about the sea.")] },
    reply: {
      content: [{ type: "text", deltas: ["The sea, ", "the sea"] }],
      finish_reason: "ERROR",
      error: "internal error: generation failed, please try again",
    },
  },
  {
    name: "finish-timeout",
    notes: "TIMEOUT: a time limit ended the generation.",
    request: { messages: [user("Explain quantum field theory in depth.")] },
    reply: {
      content: [{ type: "text", deltas: ["Quantum field theory ", "describes particles as"] }],
      finish_reason: "TIMEOUT",
    },
  },
  {
    name: "multi-turn-system",
    notes: "COMPLETE in a conversation with a system message and an earlier assistant turn.",
    request: {
      messages: [
        { role: "system", content: "Answer in one short sentence." },
        user("Who wrote Faust?"),
        { role: "assistant", content: "Johann Wolfgang von Goethe wrote Faust." },
        user("When was he born?"),
      ],
    },
    reply: {
      content: [{ type: "text", deltas: ["Goethe was born ", "on 28 August 1749."] }],
      finish_reason: "COMPLETE",
    },
  },
  {
    name: "hello",
    notes: "COMPLETE for the README's quick-start request, a plain `Hi`.",
    request: { messages: [user("Hi")] },
    reply: {
      content: [{ type: "text", deltas: ["Hello!", " How can I", " help you today?"] }],
      finish_reason: "COMPLETE",
    },
  },
];

const ERRORS: ErrorScenario[] = [
  {
    name: "error-400-temperature",
    notes: "400 for a body the API refuses; Cohere's message prefix `invalid request:`.",
    request: { messages: [user("Hi")], temperature: 3 },
    status: 400,
    message: "invalid request: temperature must be between 0 and 1.0 inclusive.",
  },
  {
    name: "error-401-no-key",
    notes:
      "401 without a key. Replay matches bodies, not headers, so this answers only the prompt that asks for it.",
    request: { messages: [user("This request is sent without an API key.")] },
    status: 401,
    message: "no api key supplied",
  },
  {
    name: "error-404-model",
    notes: "404 for an unknown model.",
    request: { model: "command-does-not-exist", messages: [user("Hi")] },
    status: 404,
    message:
      "model 'command-does-not-exist' not found, make sure the correct model ID was used and that you have access to the model.",
  },
  {
    name: "error-429-trial",
    notes:
      "429 for a streaming request over the trial limit: errors come as JSON before any event, never as a stream. It answers only the prompt that asks for it.",
    request: { messages: [user("This request is over the trial key's rate limit.")] },
    stream: true,
    status: 429,
    message:
      "You are using a Trial key, which is limited to 40 API calls / minute. You can continue to use the Trial key for free or upgrade to a Production key with higher rate limits at 'https://dashboard.cohere.com/api-keys'. Contact us on 'https://discord.gg/XW44jPfYJu' or email us at support@cohere.com with any questions",
  },
];

function authoredCassettes(): Record<string, Json> {
  const out: Record<string, Json> = {};
  AUTHORED.forEach((scenario, n) => {
    const id = uuid(n);
    const body = { model: MODEL, ...scenario.request };
    const { events, response } = render(id, scenario.reply);
    const headers = (type: string) => ({ "content-type": type, "x-debug-trace-id": traceId(scenario.name) });
    out[`authored-${scenario.name}.json`] = cassette(
      scenario.name,
      `Authored by scripts/buildCorpus.ts. ${scenario.notes}`,
      [
        {
          name: "chat",
          request: { method: "POST", path: "/v2/chat", body: { ...body, stream: false } },
          response: { status: 200, headers: headers("application/json"), body: response },
        },
        {
          name: "stream",
          request: { method: "POST", path: "/v2/chat", body: { ...body, stream: true } },
          response: {
            status: 200,
            headers: headers("text/event-stream"),
            chunks: [...events.map(frame), "data: [DONE]\n\n"],
          },
        },
      ],
    );
  });
  for (const error of ERRORS) {
    const body = { model: MODEL, ...error.request, stream: error.stream === true };
    const headers = { "content-type": "application/json", "x-debug-trace-id": traceId(error.name) };
    out[`authored-${error.name}.json`] = cassette(
      error.name,
      `Authored by scripts/buildCorpus.ts. ${error.notes}`,
      [
        {
          request: { method: "POST", path: "/v2/chat", body },
          response: {
            status: error.status,
            headers,
            body: { id: uuid(100 + error.status), message: error.message },
          },
        },
      ],
    );
  }
  return out;
}

/** A reply spec -> the stream events and the non-stream response they assemble to. */
function render(id: string, reply: ReplySpec): { events: Json[]; response: Json } {
  const events: Json[] = [
    {
      id,
      type: "message-start",
      delta: { message: { role: "assistant", content: [], tool_plan: "", tool_calls: [], citations: [] } },
    },
  ];
  const message: Json = { role: "assistant" };
  const citations: Json[] = [];
  const content: Json[] = [];
  const toolCalls: Json[] = [];
  let outputTokens = 0;
  if (reply.tool_plan) {
    for (const piece of reply.tool_plan)
      events.push({ type: "tool-plan-delta", delta: { message: { tool_plan: piece } } });
    message.tool_plan = reply.tool_plan.join("");
    outputTokens += reply.tool_plan.length;
  }
  (reply.content ?? []).forEach((block, index) => {
    const field = block.type === "thinking" ? "thinking" : "text";
    events.push({
      type: "content-start",
      index,
      delta: { message: { content: { type: block.type, [field]: "" } } },
    });
    let text = "";
    block.deltas.forEach((piece, d) => {
      events.push({ type: "content-delta", index, delta: { message: { content: { [field]: piece } } } });
      text += piece;
      outputTokens++;
      for (const cite of reply.citations ?? []) {
        if (block.type !== "text" || cite.after !== d + 1) continue;
        const start = text.lastIndexOf(cite.text);
        if (start < 0) throw new Error(`citation "${cite.text}" is not in the text so far: "${text}"`);
        const citation = {
          start,
          end: start + cite.text.length,
          text: cite.text,
          sources: cite.sources,
          type: "TEXT_CONTENT",
          content_index: index,
        };
        events.push({
          type: "citation-start",
          index: citations.length,
          delta: { message: { citations: citation } },
        });
        events.push({ type: "citation-end", index: citations.length });
        citations.push(citation);
      }
    });
    events.push({ type: "content-end", index });
    content.push({ type: block.type, [field]: text });
  });
  (reply.tool_calls ?? []).forEach((call, index) => {
    events.push({
      type: "tool-call-start",
      index,
      delta: {
        message: {
          tool_calls: { id: call.id, type: "function", function: { name: call.name, arguments: "" } },
        },
      },
    });
    for (const piece of call.arguments)
      events.push({
        type: "tool-call-delta",
        index,
        delta: { message: { tool_calls: { function: { arguments: piece } } } },
      });
    events.push({ type: "tool-call-end", index });
    toolCalls.push({
      id: call.id,
      type: "function",
      function: { name: call.name, arguments: call.arguments.join("") },
    });
    outputTokens += call.arguments.length;
  });
  if (content.length) message.content = content;
  if (toolCalls.length) message.tool_calls = toolCalls;
  if (citations.length) message.citations = citations;
  const output = reply.output_tokens ?? outputTokens;
  const usage = {
    billed_units: { input_tokens: 12, output_tokens: output },
    tokens: { input_tokens: 512, output_tokens: output },
  };
  const end: Json = { finish_reason: reply.finish_reason, usage };
  if (reply.error) end.error = reply.error;
  events.push({ type: "message-end", delta: end });
  return { events, response: { id, message, finish_reason: reply.finish_reason, usage } };
}

// ---------------------------------------------------------------------------------------------------------------

function cassette(name: string, notes: string, interactions: Json[], recordedAt?: string): Json {
  return { name, notes, ...(recordedAt ? { recorded_at: recordedAt } : {}), interactions };
}

function frame(event: Json): string {
  return `event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`;
}

function user(content: string): Json {
  return { role: "user", content };
}

function tool(name: string, description: string, properties: Json, required: string[]): Json {
  return {
    type: "function",
    function: { name, description, parameters: { type: "object", properties, required } },
  };
}

/** JSON arguments as they stream: in three fragments, cut inside keys and values. */
function fragments(json: string): string[] {
  const third = Math.ceil(json.length / 3);
  return [json.slice(0, third), json.slice(third, 2 * third), json.slice(2 * third)];
}

function docSource(id: string, title: string, text: string): Json {
  return { type: "document", id, document: { id, title, text } };
}

function withoutTransfer(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers).filter(
      ([name]) => !["transfer-encoding", "content-length", "content-encoding"].includes(name),
    ),
  );
}

function readJson(file: string): Fixture {
  return JSON.parse(readFileSync(join(FIXTURES, file), "utf8"));
}

/** Stable ids, so the corpus is the same on every run. */
function uuid(n: number): string {
  const hex = (n * 2654435761 + 0x9e3779b9).toString(16).padStart(8, "0").slice(-8);
  return `${hex}-5a1e-4c0d-8e2f-${String(n).padStart(12, "0")}`;
}

function traceId(name: string): string {
  let h = 2166136261;
  for (const char of name) h = Math.imul(h ^ (char.codePointAt(0) ?? 0), 16777619) >>> 0;
  return h.toString(16).padStart(8, "0").repeat(4);
}

/** Every corpus file by name, as the text to commit. */
export function buildCorpus(): Record<string, string> {
  const files = { ...realCassettes(), ...authoredCassettes() };
  return Object.fromEntries(
    Object.entries(files)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([name, value]) => [name, `${JSON.stringify(value, null, 2)}\n`]),
  );
}

/** The differences between the committed corpus and what this script builds; none when it is up to date. */
export function corpusProblems(): string[] {
  const files = buildCorpus();
  const committed = readdirSync(CORPUS)
    .filter((name) => name.endsWith(".json"))
    .sort();
  const problems: string[] = [];
  for (const name of new Set([...committed, ...Object.keys(files)])) {
    if (!(name in files)) problems.push(`${name}: committed but no longer built`);
    else if (!committed.includes(name)) problems.push(`${name}: built but not committed`);
    else if (readFileSync(join(CORPUS, name), "utf8") !== files[name])
      problems.push(`${name}: differs from what the script builds`);
  }
  return problems;
}

/** The command: writes the corpus, or with --check only says whether it is up to date (exit code 1 if not). */
export function main(args: readonly string[]): number {
  if (args.includes("--check")) {
    const problems = corpusProblems();
    if (problems.length > 0) {
      console.error(
        `The corpus is out of date; run pnpm --filter @parley/conformance corpus\n${problems.map((p) => `  ${p}`).join("\n")}`,
      );
      return 1;
    }
    console.log(`corpus up to date (${Object.keys(buildCorpus()).length} cassettes)`);
    return 0;
  }
  const files = buildCorpus();
  rmSync(CORPUS, { recursive: true, force: true });
  mkdirSync(CORPUS, { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(join(CORPUS, name), text);
  console.log(`wrote ${Object.keys(files).length} cassettes to ${CORPUS}`);
  return 0;
}

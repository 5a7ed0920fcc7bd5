import { WEATHER_CALL, WEATHER_QUESTION, WEATHER_RESULT, WEATHER_TOOL } from "./scenarios";
import type { ChatCase, ErrorCase } from "./types";

/** The version of the case set: bumped whenever cases or checks change what they accept. */
export const SUITE_VERSION = "1.2.0";

/** Built-in cases for live and simulated targets. Prompts ask for what a real model reliably does. */
export const SUITE_CASES: ReadonlyArray<ChatCase | ErrorCase> = [
  {
    kind: "chat",
    id: "chat.basic",
    title: "A single user turn gets a text reply",
    capabilities: ["chat"],
    severity: "required",
    request: { messages: [{ role: "user", content: "Say hello in one short sentence." }] },
    expect: { finishReasons: ["COMPLETE"] },
  },
  {
    kind: "chat",
    id: "chat.system",
    title: "The system message steers the reply",
    capabilities: ["chat", "system"],
    severity: "required",
    request: {
      messages: [
        { role: "system", content: "Always begin your reply with the word PINEAPPLE. Be brief." },
        { role: "user", content: "What colour is the sky on a clear day?" },
      ],
    },
    expect: { textIncludes: ["PINEAPPLE"] },
  },
  {
    kind: "chat",
    id: "chat.multi-turn",
    title: "Earlier turns are remembered",
    capabilities: ["chat", "multi-turn", "unicode"],
    severity: "required",
    request: {
      messages: [
        { role: "user", content: "My name is Zoë. Please remember it." },
        { role: "assistant", content: "Nice to meet you, Zoë! I will remember." },
        { role: "user", content: "What is my name?" },
      ],
    },
    expect: { textIncludes: ["Zoë"] },
  },
  {
    kind: "chat",
    id: "stream.long",
    title: "A long reply streams as many deltas, in order",
    capabilities: ["chat", "stream"],
    severity: "required",
    modes: ["stream"],
    request: {
      messages: [
        { role: "user", content: "Write a detailed story, about 150 words, of a lighthouse keeper." },
      ],
      max_tokens: 300,
    },
  },
  {
    kind: "chat",
    id: "max_tokens.limit",
    title: "max_tokens cuts the reply short with MAX_TOKENS",
    capabilities: ["chat", "max_tokens"],
    severity: "required",
    request: {
      messages: [{ role: "user", content: "Write a long, detailed essay about the history of bridges." }],
      max_tokens: 12,
    },
    expect: { finishReasons: ["MAX_TOKENS"] },
  },
  {
    kind: "chat",
    id: "stop_sequences.basic",
    title: "A stop sequence ends the reply before it",
    capabilities: ["chat", "stop_sequences"],
    severity: "required",
    request: {
      messages: [
        { role: "user", content: "Repeat exactly, with nothing else: alpha beta gamma delta epsilon" },
      ],
      stop_sequences: ["gamma"],
    },
    expect: { finishReasons: ["STOP_SEQUENCE"], textIncludes: ["alpha"] },
  },
  {
    kind: "chat",
    id: "tools.call",
    title: "A tool is called with JSON arguments and TOOL_CALL",
    capabilities: ["tools"],
    severity: "required",
    request: {
      messages: [{ role: "user", content: `${WEATHER_QUESTION} Use the get_weather tool.` }],
      tools: [WEATHER_TOOL],
    },
    expect: { toolCall: "get_weather", finishReasons: ["TOOL_CALL"] },
  },
  {
    kind: "chat",
    id: "tools.result",
    title: "A tool result is used in the answer",
    capabilities: ["tools", "multi-turn"],
    severity: "required",
    request: {
      messages: [
        { role: "user", content: WEATHER_QUESTION },
        {
          role: "assistant",
          tool_plan: "I will look up the weather in Toronto.",
          tool_calls: [
            {
              id: "get_weather_conformance0",
              type: "function",
              function: { ...WEATHER_CALL },
            },
          ],
        },
        {
          role: "tool",
          tool_call_id: "get_weather_conformance0",
          content: [{ type: "document", document: { data: { ...WEATHER_RESULT } } }],
        },
      ],
      tools: [WEATHER_TOOL],
    },
    expect: { textIncludes: ["21"], finishReasons: ["COMPLETE"] },
  },
  {
    kind: "chat",
    id: "documents.citations",
    title: "Documents are cited with offsets into the reply",
    capabilities: ["documents", "citations", "unicode"],
    severity: "required",
    request: {
      messages: [{ role: "user", content: "When does Café Zoë open? Answer from the documents." }],
      documents: [
        {
          id: "hours",
          data: { title: "Opening hours", text: "Café Zoë opens at 07:00 and closes at 19:00." },
        },
        { id: "menu", data: { title: "Menu", text: "Crème brûlée and flat whites are served all day." } },
      ],
    },
    expect: { citations: true, textIncludes: ["07"] },
  },
  {
    kind: "chat",
    id: "json.object",
    title: "JSON mode returns JSON that follows the schema",
    capabilities: ["json"],
    severity: "required",
    request: {
      messages: [
        { role: "user", content: "Give the capital of Portugal as JSON with the keys city and country." },
      ],
      response_format: {
        type: "json_object",
        json_schema: {
          type: "object",
          properties: { city: { type: "string" }, country: { type: "string" } },
          required: ["city", "country"],
        },
      },
    },
  },
  {
    kind: "chat",
    id: "thinking.enabled",
    title: "With thinking on, a thinking block comes first",
    capabilities: ["thinking"],
    severity: "required",
    request: {
      messages: [{ role: "user", content: "What is 17 times 3? Think it through." }],
      thinking: { type: "enabled", token_budget: 400 },
    },
    expect: { thinking: true },
  },
  {
    kind: "chat",
    id: "unicode.roundtrip",
    title: "Non-ASCII text survives both ways",
    capabilities: ["chat", "unicode"],
    severity: "required",
    request: {
      messages: [{ role: "user", content: "Repeat this exactly: «Grüße aus Zürich — 東京 🌸 Ωmega»" }],
    },
    expect: { textIncludes: ["Zürich", "東京", "🌸"] },
  },
  {
    kind: "error",
    id: "errors.bad-key",
    title: "A wrong API key gets 401 with a JSON message",
    capabilities: ["errors"],
    severity: "required",
    auth: "wrong",
    body: { model: "$MODEL", messages: [{ role: "user", content: "Hi" }], stream: false },
    status: [401],
  },
  {
    kind: "error",
    id: "errors.bad-body",
    title: "An invalid body gets 400 with a JSON message",
    capabilities: ["errors"],
    severity: "required",
    body: { model: "$MODEL", messages: [{ role: "user", content: "Hi" }], temperature: 5, stream: false },
    status: [400],
  },
  {
    kind: "error",
    id: "errors.missing-messages",
    title: "A body without messages gets 400 with a JSON message",
    capabilities: ["errors"],
    severity: "required",
    body: { model: "$MODEL", stream: false },
    status: [400, 422],
  },
  {
    kind: "error",
    id: "errors.unknown-model",
    title: "An unknown model gets a 4xx (Cohere: 404) with a JSON message",
    capabilities: ["errors"],
    severity: "required",
    body: {
      model: "parley-conformance-no-such-model",
      messages: [{ role: "user", content: "Hi" }],
      stream: false,
    },
    // A gateway's allow-list may refuse it with 400: clients cope with any 4xx they do not retry.
    status: [404],
    statusSeverity: "recommended",
  },
  {
    kind: "error",
    id: "errors.unknown-model-stream",
    title: "A streaming request fails with an HTTP status, before any event",
    capabilities: ["errors", "stream"],
    severity: "required",
    body: {
      model: "parley-conformance-no-such-model",
      messages: [{ role: "user", content: "Hi" }],
      stream: true,
    },
    // A gateway's allow-list may refuse it with 400: clients cope with any 4xx they do not retry.
    status: [404],
    statusSeverity: "recommended",
  },
];

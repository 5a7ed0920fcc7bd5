import type { ChatRequest, Citation, FinishReason, Source, Tool, Usage } from "@parley/core";
import { jsonFromSchema, promptFills } from "./jsonFromSchema";
import { jsonText } from "./jsonText";
import { type PromptValues, promptValues, STOP_WORDS } from "./promptValues";
import { contentText, type RequestFacts, requestFacts } from "./requestFacts";
import type { SeededRandom } from "./seededRandom";
import { timeZoneOfPlace } from "./timeZones";
import { countTokens, tokenize } from "./tokenize";
import { chooseWording, quote, type Wording } from "./wording";

export interface SimulatedToolCall {
  id: string;
  name: string;
  /** The JSON arguments as they stream: concatenated they are `function.arguments`. */
  argumentChunks: string[];
}

/**
 * One simulated reply, in tokens. The non-streaming response and the stream are both rendered from it,
 * so the two always agree exactly.
 */
export interface SimulatedReply {
  id: string;
  thinking: string[] | undefined;
  toolPlan: string[] | undefined;
  toolCalls: SimulatedToolCall[];
  text: string[] | undefined;
  /** Offsets into the joined `text` tokens; ordered by where they end (the order they stream in). */
  citations: Citation[];
  finishReason: FinishReason;
  usage: Usage;
}

/**
 * Builds the reply a Cohere model might give, deterministically from the request and the random sources:
 * `random` (drawn from the whole request) for ids and chunking, `wordingRandom` (drawn from the request's
 * `seed`, when it has one) for the choice of words.
 */
export function composeReply(
  request: ChatRequest,
  random: SeededRandom,
  wordingRandom: SeededRandom = random,
): SimulatedReply {
  const facts = requestFacts(request);
  const values = promptValues(facts.prompt);
  const wording = chooseWording(wordingRandom, request.seed !== undefined);
  const thinkingOn = request.thinking !== undefined && request.thinking.type !== "disabled";
  const citationsOn = !["OFF", "DISABLED"].includes(request.citation_options?.mode ?? "");
  const calls = facts.toolResults.length === 0 ? chooseTools(facts, values, request.tool_choice) : [];

  const toolCalls: SimulatedToolCall[] = calls.flatMap((tool) =>
    argumentsPerCall(tool, values).map((args) => ({
      id: `${tool.function.name}_${random.token(12)}`,
      name: tool.function.name,
      argumentChunks: chunk(JSON.stringify(args), random),
    })),
  );

  let thinking = thinkingOn ? tokenize(thinkingText(facts, calls, wording)) : undefined;
  const budget = request.thinking?.token_budget;
  if (thinking && budget !== undefined) thinking = thinking.slice(0, Math.max(1, budget));

  // Reasoning models go straight from thinking to the calls; the Command R family writes a plan first.
  const toolPlan =
    toolCalls.length > 0 && !thinking ? tokenize(planText(calls, facts.prompt, wording)) : undefined;

  const format = request.response_format;
  const json = format?.type === "json_object";
  let answer: { text: string; citations: Citation[] } | undefined;
  if (toolCalls.length === 0) {
    answer =
      format?.type === "json_object"
        ? { text: jsonText(jsonAnswer(format.json_schema, values, wording)), citations: [] }
        : answerText(facts, random, wording, citationsOn ? (thinking ? 1 : 0) : undefined);
  }

  let finishReason: FinishReason = toolCalls.length > 0 ? "TOOL_CALL" : "COMPLETE";
  if (answer) {
    const stopAt = firstStop(answer.text, request.stop_sequences ?? []);
    if (stopAt !== undefined) {
      answer = { text: answer.text.slice(0, stopAt), citations: answer.citations };
      finishReason = "STOP_SEQUENCE";
    }
  }

  // max_tokens bounds everything generated, in the order it is generated.
  let remaining = request.max_tokens ?? Number.POSITIVE_INFINITY;
  const take = (tokens: string[] | undefined): string[] | undefined => {
    if (!tokens) return undefined;
    const kept = tokens.slice(0, Math.max(0, remaining));
    remaining -= kept.length;
    if (kept.length < tokens.length) finishReason = "MAX_TOKENS";
    return kept;
  };
  thinking = take(thinking);
  const plan = take(toolPlan);
  const keptCalls: SimulatedToolCall[] = [];
  for (const call of toolCalls) {
    if (call.argumentChunks.length > remaining) {
      finishReason = "MAX_TOKENS";
      break;
    }
    remaining -= call.argumentChunks.length;
    keptCalls.push(call);
  }
  if (finishReason === "MAX_TOKENS") keptCalls.length = 0; // a cut-off call is never returned
  // JSON streams in small pieces cut anywhere, inside strings too, as a model's JSON does.
  let text = take(answer ? (json ? chunk(answer.text, random, 1) : tokenize(answer.text)) : undefined);
  if (text?.length === 0) text = undefined;
  const finalText = text?.join("") ?? "";
  const citations = (answer?.citations ?? []).filter((c) => (c.end ?? 0) <= finalText.length);

  const output = [thinking, plan, text].reduce((n, t) => n + (t?.length ?? 0), 0);
  const outputTokens = output + keptCalls.reduce((n, c) => n + c.argumentChunks.length, 0);
  const inputTokens = countTokens(inputText(request));
  return {
    id: random.uuid(),
    thinking: thinking?.length ? thinking : undefined,
    toolPlan: plan?.length ? plan : undefined,
    toolCalls: keptCalls,
    text,
    citations,
    finishReason,
    usage: {
      billed_units: { input_tokens: inputTokens, output_tokens: outputTokens },
      tokens: { input_tokens: inputTokens, output_tokens: outputTokens },
    },
  };
}

/** The tools whose name or description the prompt mentions, or whose parameters the prompt answers. */
function chooseTools(facts: RequestFacts, values: PromptValues, choice: string | undefined): Tool[] {
  if (facts.tools.length === 0 || choice === "NONE") return [];
  // Whole words: "17 times 3" is not about the time.
  const prompt = new Set(words(facts.prompt));
  const matching = facts.tools.filter(
    (tool) =>
      words(`${tool.function.name} ${tool.function.description ?? ""}`).some(
        (word) => word.length >= 4 && !STOP_WORDS.test(word) && prompt.has(word),
      ) || promptFills(tool.function.parameters, values),
  );
  if (matching.length > 0) return matching;
  return choice === "REQUIRED" ? facts.tools.slice(0, 1) : [];
}

/** Calls made in parallel for one tool at most: a prompt listing more places gets the first ones. */
const MAX_PARALLEL_CALLS = 4;

/**
 * The arguments of each call to `tool`: one call, or one per place when the arguments hold the prompt's place (or
 * its time zone) and the prompt names several ("Weather in Paris and Oslo?"), as models call a tool in parallel.
 * Arguments are always an object, even for a tool that declares no parameters.
 */
function argumentsPerCall(tool: Tool, values: PromptValues): unknown[] {
  const schema = { ...tool.function.parameters, type: "object" };
  const fill = (v: PromptValues) => jsonFromSchema(schema, v, { toolArguments: true });
  const args = fill(values);
  const filled = Object.values(args as Record<string, unknown>);
  const count = (value: unknown) => filled.filter((v) => v === value).length;
  // One argument, and one only, holds a place or its zone: a flight's origin and destination are not a list.
  const byPlace =
    count(values.places[0]) === 1 &&
    !filled.includes(values.places[1]) &&
    filled.length === new Set(filled).size;
  const byZone = !byPlace && values.timeZone !== undefined && count(values.timeZone) === 1;
  if (values.places.length < 2 || !(byPlace || byZone)) return [args];
  // By zone, a place whose zone is unknown would only repeat another place's call.
  const places = byZone ? values.places.filter((place) => timeZoneOfPlace(place)) : values.places;
  const calls = new Map<string, unknown>();
  for (const place of places.slice(0, MAX_PARALLEL_CALLS)) {
    const each = fill({ ...values, places: [place], word: place, timeZone: timeZoneOfPlace(place) });
    calls.set(JSON.stringify(each), each);
  }
  return [...calls.values()];
}

function words(text: string): string[] {
  return text
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

function thinkingText(facts: RequestFacts, calls: Tool[], wording: Wording): string {
  const plan =
    calls.length > 0
      ? `I should call ${calls.map((t) => t.function.name).join(" and ")} first.`
      : facts.toolResults.length > 0
        ? "The tool results are in, so I can answer from them."
        : facts.documents.length > 0
          ? "The documents cover this, so I will cite them."
          : "I can answer this directly.";
  return wording.thinking(clip(facts.prompt, 80), plan);
}

function planText(calls: Tool[], prompt: string, wording: Wording): string {
  const names = calls.map((t) => t.function.name).join(" and ");
  return wording.plan(`${names} tool${calls.length > 1 ? "s" : ""}`, clip(prompt, 60));
}

/** The answer: an opening, the prompt echoed, sources cited, and filler whose length follows the ask. */
function answerText(
  facts: RequestFacts,
  random: SeededRandom,
  wording: Wording,
  contentIndex: number | undefined,
): { text: string; citations: Citation[] } {
  let text = "";
  const citations: Citation[] = [];
  const append = (sentence: string) => {
    text += (text ? " " : "") + sentence;
  };
  const appendCited = (before: string, cited: string, after: string, sources: Source[]) => {
    append(before);
    const start = text.length;
    text += cited;
    if (contentIndex !== undefined) {
      citations.push({
        start,
        end: text.length,
        text: cited,
        sources,
        type: "TEXT_CONTENT",
        content_index: contentIndex,
      });
    }
    text += after;
  };

  // No two whitespace runs meet in this pattern: where they did, a long run of spaces took quadratic time.
  const lead =
    /\b(?:begin|start)\s+(?:(?:your|each|every)\s+)?(?:(?:reply|replies|answer|answers|response|responses)\s*)?with\s+(?:the\s+word\s+)?["“'‘]?([\p{L}\p{N}]+)/iu.exec(
      facts.system,
    )?.[1];
  if (lead) append(lead);
  append(wording.opening);
  // The prompt is always quoted back, so a reply shows what it answers, whatever the wording.
  if (facts.prompt) append(`You wrote ${quote(facts.prompt)}`);
  if (facts.previousPrompt) append(wording.earlier(facts.previousPrompt));

  for (const result of facts.toolResults) {
    const [before, after] = wording.toolResult(result.toolName);
    result.outputs.forEach((output, n) => {
      appendCited(before, describe(output), after, [
        { type: "tool", id: `${result.toolCallId}:${n}`, tool_output: output },
      ]);
    });
  }
  for (const document of facts.documents.slice(0, 3)) {
    const title = typeof document.fields.title === "string" ? document.fields.title : document.id;
    const [before, after] = wording.document(title);
    appendCited(before, snippet(document.fields), after, [
      { type: "document", id: document.id, document: { id: document.id, ...document.fields } },
    ]);
  }

  const brief = /\b(brief(ly)?|concise(ly)?|short|one sentence)\b/i.test(facts.system);
  const long = /\b(essay|story|detailed|long|at length|in detail|explain)\b/i.test(facts.prompt);
  const fillers = brief ? 0 : long ? 12 : random.int(1, 3);
  for (const filler of wording.fillers.slice(0, fillers)) append(filler);
  if (!brief) append(wording.closing);
  return { text, citations };
}

/**
 * The JSON of a JSON-mode reply: fitting the schema when there is one; else an object of the keys the prompt
 * names ("as JSON with the keys city and country"); else the answer and the question.
 */
function jsonAnswer(
  schema: Record<string, unknown> | undefined,
  values: PromptValues,
  wording: Wording,
): unknown {
  if (schema) return jsonFromSchema(schema, values);
  const keys = keysNamedIn(values.prompt);
  if (keys.length > 0) {
    const properties = Object.fromEntries(keys.map((key) => [key, { type: "string" }]));
    return jsonFromSchema({ type: "object", properties }, values);
  }
  return { answer: wording.opening, prompt: values.prompt };
}

const NOT_KEYS = /^(?:a|an|and|as|called|named|of|or|the|with|in|to)$/i;

/** The keys a prompt asks for: the words after "keys", "fields" or "properties", to the end of the sentence. */
function keysNamedIn(prompt: string): string[] {
  const match = /\b(?:keys|fields|properties|attributes)\b([^.!?\n]{0,200})/i.exec(prompt);
  const words = match?.[1]?.match(/[A-Za-z_][\w]*/g) ?? [];
  return [...new Set(words.filter((w) => !NOT_KEYS.test(w)))].slice(0, 12);
}

/** A document's text in one sentence, so citations stay short as Cohere's do. */
function snippet(fields: Record<string, unknown>): string {
  const value = ["snippet", "text", "content", "body"]
    .map((k) => fields[k])
    .find((v) => typeof v === "string");
  const text = typeof value === "string" ? value : JSON.stringify(fields);
  const sentence = /^[^.!?\n]*[^.!?\n\s]/u.exec(text.trim())?.[0] ?? text;
  return clip(sentence, 120);
}

/** A tool's output in words; a `title` is left out, as it names the result rather than saying it. */
function describe(output: Record<string, unknown>): string {
  if (typeof output.content === "string" && Object.keys(output).length === 1)
    return clip(output.content, 120);
  const entries = Object.entries(output);
  const said = entries.length > 1 ? entries.filter(([key]) => key !== "title") : entries;
  return said
    .map(([key, value]) => `${key} ${typeof value === "string" ? value : JSON.stringify(value)}`)
    .join(", ");
}

/** Where the earliest stop sequence begins, if any occurs. */
function firstStop(text: string, sequences: string[]): number | undefined {
  let first: number | undefined;
  for (const sequence of sequences) {
    if (!sequence) continue;
    const at = text.indexOf(sequence);
    if (at >= 0 && (first === undefined || at < first)) first = at;
  }
  return first;
}

/** Splits a string into pieces of `smallest` to 6 code points, the way JSON streams. */
function chunk(text: string, random: SeededRandom, smallest = 2): string[] {
  const points = Array.from(text);
  const pieces: string[] = [];
  for (let i = 0; i < points.length; ) {
    const size = random.int(smallest, 6);
    pieces.push(points.slice(i, i + size).join(""));
    i += size;
  }
  return pieces;
}

function clip(text: string, max: number): string {
  const points = Array.from(text.trim());
  return points.length <= max ? points.join("") : `${points.slice(0, max - 1).join("")}…`;
}

/** Everything the model reads, for the input token count. */
function inputText(request: ChatRequest): string {
  const parts = request.messages.map((m) => contentText("content" in m ? m.content : ""));
  for (const document of request.documents ?? []) parts.push(JSON.stringify(document));
  if (request.tools) parts.push(JSON.stringify(request.tools));
  return parts.join("\n");
}

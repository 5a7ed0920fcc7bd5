import { type ChatRequest, type ChatResponse, StreamError } from "@parley/core";
import { assembleResponse, isChatResponse } from "@parley/core/protocol";
import type { FetchLike } from "../http/fetchLike";
import { isPlainObject } from "../json/json";
import { createReplayFetch } from "../replay/replayFetch";
import { check } from "./check";
import { type Exchange, sendExchange } from "./exchange";
import { judgeAgreement, judgeToolAgreement } from "./judgeAgreement";
import { answerWith, judgeClient, judgeClientAgreement } from "./judgeClient";
import { judgeError } from "./judgeError";
import { clip, judgeHttp } from "./judgeHttp";
import { judgeReply } from "./judgeReply";
import { judgeStream } from "./judgeStream";
import { readStream } from "./readStream";
import type { ChatCase, CheckResult, ErrorCase, Expectations, Mode, ReplayCase, SuiteTarget } from "./types";

/** How cases run: the target, the clock and whether the client is judged too. */
export interface CaseRunner {
  target: SuiteTarget;
  now: () => number;
  timeoutMs: number;
  /** Drive `@parley/core`'s client with every exchange. */
  client: boolean;
  /** In replay mode: the client talks to the replay itself rather than to the captured bytes. */
  clientFetch?: FetchLike;
}

export interface CaseOutcome {
  checks: CheckResult[];
  ttftMs?: number;
}

/** The outcome of one mode of a chat exchange: its checks and, when the reply could be read, the reply. */
interface ModeOutcome {
  checks: CheckResult[];
  reply?: ChatResponse;
  events?: ReturnType<typeof readStream>["events"];
  ttftMs?: number;
  clientReply?: ChatResponse;
}

const CHAT_PATH = "/v2/chat";

export async function runChatCase(
  runner: CaseRunner,
  testCase: ChatCase,
  modes: readonly Mode[],
): Promise<CaseOutcome> {
  const outcomes = new Map<Mode, ModeOutcome>();
  for (const mode of modes) {
    const request = {
      model: runner.target.model,
      ...testCase.request,
      stream: mode === "stream",
    } as ChatRequest;
    const exchange = await send(runner, CHAT_PATH, request, runner.target.apiKey);
    outcomes.set(mode, await judgeExchange(runner, request, exchange, mode, testCase.expect));
  }
  return combine(runner, outcomes, testCase.modes ?? ["plain", "stream"], modes);
}

export async function runErrorCase(runner: CaseRunner, testCase: ErrorCase): Promise<CaseOutcome> {
  const body =
    typeof testCase.body === "string"
      ? testCase.body
      : { ...testCase.body, ...(testCase.body.model === "$MODEL" ? { model: runner.target.model } : {}) };
  const key = testCase.auth === "wrong" ? "parley-conformance-invalid-key-0000000000" : runner.target.apiKey;
  const exchange = await send(runner, CHAT_PATH, body, key);
  const mode: Mode =
    isPlainObject(body) && (body as { stream?: unknown }).stream === true ? "stream" : "plain";
  const checks = judgeError(exchange, testCase.status, mode, testCase.statusSeverity);
  if (runner.client && isPlainObject(body) && exchange.status >= 400) {
    const { result } = await judgeClient(answerWith(exchange), body as unknown as ChatRequest, {
      mode,
      exchange,
      sound: false,
    });
    checks.push(result);
  }
  return { checks };
}

export async function runReplayCase(runner: CaseRunner, testCase: ReplayCase): Promise<CaseOutcome> {
  const outcomes = new Map<Mode, ModeOutcome>();
  const errorChecks: CheckResult[] = [];
  for (const interaction of [testCase.interaction, testCase.counterpart]) {
    if (!interaction) continue;
    // Each recording answers its own case, for the wire and the client alike: a cassette may hold the same
    // request twice (a 429, then the retry's 200), and a shared replay would answer both with the first.
    const own = createReplayFetch({ interactions: [interaction] });
    const scoped: CaseRunner = {
      ...runner,
      target: { ...runner.target, fetch: own },
      ...(runner.clientFetch ? { clientFetch: own } : {}),
    };
    const recorded = interaction.request;
    const body = recorded.body;
    const mode: Mode = isPlainObject(body) && body.stream === true ? "stream" : "plain";
    const exchange = await send(scoped, recorded.path, body, undefined, recorded.method);
    if (interaction.response.status >= 400) {
      errorChecks.push(...judgeError(exchange, [], mode));
      if (scoped.client && isPlainObject(body)) {
        const fetch = scoped.clientFetch ?? answerWith(exchange);
        const judged = await judgeClient(fetch, body as unknown as ChatRequest, {
          mode,
          exchange,
          sound: false,
        });
        errorChecks.push(judged.result);
      }
      continue; // the other half of a pair is judged too
    }
    const request = (isPlainObject(body) ? body : {}) as unknown as ChatRequest;
    outcomes.set(mode, await judgeExchange(scoped, request, exchange, mode, undefined));
  }
  if (outcomes.size === 0) return { checks: errorChecks };
  const modes = [...outcomes.keys()];
  const combined = combine(runner, outcomes, modes, modes);
  return { ...combined, checks: [...errorChecks, ...combined.checks] };
}

async function send(
  runner: CaseRunner,
  path: string,
  body: unknown,
  apiKey: string | undefined,
  method = "POST",
) {
  const headers: Record<string, string> = {};
  if (apiKey) headers.authorization = `Bearer ${apiKey}`;
  return sendExchange(runner.target.fetch, {
    url: `${runner.target.baseUrl.replace(/\/+$/, "")}${path}`,
    method,
    headers,
    body,
    timeoutMs: runner.timeoutMs,
    now: runner.now,
  });
}

/** Judges one exchange on the wire, then, if asked, what the client makes of it. */
async function judgeExchange(
  runner: CaseRunner,
  request: ChatRequest,
  exchange: Exchange,
  mode: Mode,
  expect: Expectations | undefined,
): Promise<ModeOutcome> {
  const http = judgeHttp(exchange, mode);
  const outcome: ModeOutcome = { checks: http.results };
  if (!http.ok) return outcome;
  const context = {
    request: request as unknown as Record<string, unknown>,
    mode,
    ...(expect ? { expect } : {}),
  };

  // `assemblable`: a client can make a reply of it (and must, exactly as core's reducer does); otherwise it must reject.
  let assemblable = http.results.every((r) => r.status !== "fail");
  let clientReply: ChatResponse | undefined;
  if (mode === "plain") {
    let reply: unknown;
    try {
      reply = JSON.parse(exchange.text);
    } catch {
      outcome.checks.push(
        check("reply.schema", "required", mode).fail(`the body is not JSON: ${clip(exchange.text)}`),
      );
    }
    if (reply !== undefined) {
      const checks = judgeReply(reply, context);
      outcome.checks.push(...checks);
      if (!checks.some((r) => r.id === "reply.schema" && r.status === "fail"))
        outcome.reply = reply as ChatResponse;
    }
    // The client's own acceptance rule: it returns such a reply as it came and refuses anything else.
    if (isChatResponse(reply)) clientReply = reply;
    else assemblable = false;
  } else {
    const reading = readStream(exchange);
    if (reading.ttftMs !== undefined) outcome.ttftMs = reading.ttftMs;
    const stream = judgeStream(reading);
    outcome.checks.push(...stream.results);
    outcome.events = reading.events;
    if (!stream.assemblable) assemblable = false;
    else {
      // The grammar has named the defect of a stream no client can assemble; judging its remains adds only noise.
      try {
        clientReply = assembleResponse(reading.events);
      } catch (error) {
        if (!(error instanceof StreamError)) throw error;
        assemblable = false;
        outcome.checks.push(
          check("reply.schema", "required", mode).fail(`the stream cannot be assembled: ${error.message}`),
        );
      }
      if (clientReply) {
        const checks = judgeReply(clientReply, { ...context, events: reading.events });
        outcome.checks.push(...checks);
        if (!checks.some((r) => r.id === "reply.schema" && r.status === "fail")) outcome.reply = clientReply;
      }
    }
  }

  if (runner.client) {
    const fetch = runner.clientFetch ?? answerWith(exchange);
    const reference = {
      mode,
      exchange,
      sound: assemblable && clientReply !== undefined,
      ...(clientReply ? { reply: clientReply } : {}),
      ...(outcome.events ? { events: outcome.events } : {}),
    };
    const { result, reply } = await judgeClient(fetch, request, reference);
    outcome.checks.push(result);
    if (reply) outcome.clientReply = reply;
  }
  return outcome;
}

/** Adds the checks across modes (agreement), and marks the stream checks of a skipped stream capability. */
function combine(
  runner: CaseRunner,
  outcomes: Map<Mode, ModeOutcome>,
  wanted: readonly Mode[],
  ran: readonly Mode[],
): CaseOutcome {
  const plain = outcomes.get("plain");
  const stream = outcomes.get("stream");
  const checks = [...(plain?.checks ?? []), ...(stream?.checks ?? [])];
  const deterministic = runner.target.deterministic ?? false;
  if (wanted.includes("stream") && !ran.includes("stream")) {
    checks.push(check("stream.agreement", "required").skip("the stream capability is skipped"));
  } else if (plain?.reply && stream?.reply) {
    checks.push(
      judgeAgreement(plain.reply, stream.reply, {
        deterministic,
        ...(stream.events ? { events: stream.events } : {}),
      }),
      judgeToolAgreement(plain.reply, stream.reply, deterministic),
    );
  }
  if (plain?.clientReply && stream?.clientReply) {
    // A client that mirrors the wire faithfully cannot agree where the wire itself does not.
    const wire = checks.filter((c) => c.id === "stream.agreement" || c.id === "stream.tool-agreement");
    checks.push(
      wire.some((c) => c.status === "fail")
        ? check("client.agreement", "required", "client").skip("the replies on the wire already disagree")
        : judgeClientAgreement(plain.clientReply, stream.clientReply, deterministic),
    );
  }
  const outcome: CaseOutcome = { checks };
  if (stream?.ttftMs !== undefined) outcome.ttftMs = stream.ttftMs;
  return outcome;
}

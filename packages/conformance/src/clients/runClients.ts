import type { ChatRequest } from "@parley/core";
import type { Interaction } from "../cassette/cassette";
import { tapBody } from "../http/bodyTap";
import type { FetchLike } from "../http/fetchLike";
import { createServer } from "../http/server";
import { isPlainObject } from "../json/json";
import { createReplayFetch } from "../replay/replayFetch";
import { check } from "../suite/check";
import type {
  CaseResult,
  CheckResult,
  ClientReport,
  Mode,
  SuiteCase,
  SuiteReport,
  SuiteTarget,
} from "../suite/types";
import { describeSdkError } from "./describeSdkError";
import { judgeSdkView } from "./judgeSdkView";
import { knownLimitation } from "./knownLimitations";
import type { SdkClient, SdkView } from "./sdkClient";
import { suiteReply } from "./suiteReply";

export interface RunClientsOptions {
  clients: readonly SdkClient[];
  /** The run's cases; what the suite skipped (see `report`) is skipped here too. */
  cases: readonly SuiteCase[];
  report: SuiteReport;
  target: SuiteTarget;
  /** @default 120000 */
  timeoutMs?: number;
}

/** One request of the run, in one mode, and how to answer it. */
interface Call {
  caseId: string;
  mode: Mode;
  request: ChatRequest;
  /** Replay: the recorded answer; live and simulated runs forward to the target. */
  interaction?: Interaction;
}

interface Captured {
  status: number;
  chunks: Uint8Array[];
  ended: Promise<void>;
}

/**
 * Sends the run's requests through each SDK (`--clients`) and judges whether it works for its users (see
 * `judgeSdkView`): where the raw exchange holds a valid reply, the SDK must show it (text, tool calls, finish
 * reason, usage, and citations where it shows them); where it does not, the SDK must still show a reply of its
 * own. The SDK talks to a local server on 127.0.0.1 that forwards to the target (or, in replay, answers as
 * recorded) and keeps the raw bytes, so the SDK is judged against exactly what it read. A failure that is a
 * known limitation of the SDK (`KNOWN_LIMITATIONS`) is shown, in `knownLimitations`, and not counted.
 */
export async function runClients(options: RunClientsOptions): Promise<ClientReport[]> {
  const calls = callsOf(options);
  const reports: ClientReport[] = [];
  for (const client of options.clients) {
    let current: Call | undefined;
    let captured: Captured | undefined;
    const upstream = forwardToTarget(options.target);
    const server = await createServer(async (input) => {
      const request = input as Request;
      const answer = current?.interaction
        ? await createReplayFetch({ interactions: [current.interaction] }, { match: () => true })(request)
        : await upstream(request);
      let done: () => void = () => {};
      const ended = new Promise<void>((resolve) => {
        done = resolve;
      });
      const chunks: Uint8Array[] = [];
      captured = { status: answer.status, chunks, ended };
      if (!answer.body) done();
      return tapBody(answer, { onChunk: (chunk) => chunks.push(chunk), onEnd: () => done() });
    });
    const results = new Map<string, CaseResult>();
    // Known limitations hit, each with the case and mode it was hit in.
    const known = new Map<string, string[]>();
    try {
      for (const call of calls) {
        current = call;
        captured = undefined;
        const started = performance.now();
        const result = await judgeCall(
          client,
          call,
          server.url,
          options,
          () => captured,
          (reason) => {
            known.set(reason, [...(known.get(reason) ?? []), `${call.caseId} [${call.mode}]`]);
          },
        );
        const entry = results.get(call.caseId) ?? caseResult(call.caseId, options.report);
        entry.checks.push(result);
        entry.durationMs += Math.round(performance.now() - started);
        results.set(call.caseId, entry);
      }
    } finally {
      await server.close();
    }
    const cases = options.report.cases.map((c) => {
      const result = results.get(c.id);
      if (!result)
        return {
          ...caseResult(c.id, options.report),
          status: "skipped" as const,
          skipReason: c.skipReason ?? "no reply to judge",
        };
      const failed = result.checks.some((k) => k.status === "fail");
      const judged = result.checks.some((k) => k.status === "pass");
      return {
        ...result,
        status: failed ? ("failed" as const) : judged ? ("passed" as const) : ("skipped" as const),
        ...(failed || judged ? {} : { skipReason: result.checks.map((k) => k.message).join("; ") }),
      };
    });
    const count = (status: CaseResult["status"]) => cases.filter((c) => c.status === status).length;
    reports.push({
      name: client.name,
      ...(client.version ? { version: client.version } : {}),
      cases,
      summary: { passed: count("passed"), failed: count("failed"), skipped: count("skipped") },
      ...(known.size > 0
        ? { knownLimitations: [...known].map(([reason, where]) => `${where.join(", ")}: ${reason}`) }
        : {}),
    });
  }
  return reports;
}

function caseResult(id: string, report: SuiteReport): CaseResult {
  const suite = report.cases.find((c) => c.id === id);
  return {
    id,
    title: suite?.title ?? id,
    capabilities: suite?.capabilities ?? [],
    status: "passed",
    severity: "required",
    durationMs: 0,
    checks: [],
  };
}

/** The run's chat requests, in the modes the suite ran them. */
function callsOf(options: RunClientsOptions): Call[] {
  const calls: Call[] = [];
  for (const testCase of options.cases) {
    const result = options.report.cases.find((c) => c.id === testCase.id);
    if (!result || result.status === "skipped") continue;
    if (testCase.kind === "chat") {
      const request = { model: options.target.model, ...testCase.request } as ChatRequest;
      for (const mode of ["plain", "stream"] as const) {
        if (result.checks.some((k) => k.mode === mode)) calls.push({ caseId: testCase.id, mode, request });
      }
    } else if (testCase.kind === "replay") {
      for (const interaction of [testCase.interaction, testCase.counterpart]) {
        const body = interaction?.request.body;
        if (interaction?.response.status !== 200 || !isPlainObject(body)) continue;
        const { stream, ...request } = body;
        calls.push({
          caseId: testCase.id,
          mode: stream === true ? "stream" : "plain",
          request: request as unknown as ChatRequest,
          interaction,
        });
      }
    }
  }
  return calls;
}

async function judgeCall(
  client: SdkClient,
  call: Call,
  baseUrl: string,
  options: RunClientsOptions,
  capturedNow: () => Captured | undefined,
  known: (reason: string) => void,
): Promise<CheckResult> {
  const c = check("sdk.reply", "required", call.mode);
  const how = call.mode === "stream" ? "the stream" : "the plain call";
  const unsupported = client.unsupported(call.request);
  if (unsupported) return c.skip(`${client.name} cannot send ${unsupported}`);
  let view: SdkView | undefined;
  let failure: unknown;
  try {
    view = await client.call(call.request, call.mode, {
      baseUrl,
      apiKey: options.target.apiKey,
      signal: AbortSignal.timeout(options.timeoutMs ?? 120_000),
    });
  } catch (error) {
    failure = error;
  }
  const captured = capturedNow();
  if (!captured) {
    return failure === undefined
      ? c.skip(`${client.name} sent no request`)
      : c.fail(`${client.name}: ${how} broke before sending: ${describeSdkError(failure)}`);
  }
  await captured.ended;
  if (captured.status !== 200)
    return c.skip(`the raw answer is no reply to judge (HTTP ${captured.status}); the suite judges it`);
  const suite = suiteReply(captured.chunks, call.mode);
  const reply = "reply" in suite ? suite.reply : undefined;
  const result =
    failure === undefined
      ? judgeSdkView(client, call.mode, view as SdkView, suite)
      : c.fail(
          `${client.name}: ${how} broke: ${describeSdkError(failure)}; users get this error instead of ${reply ? "the reply the provider sent" : `a reply (the provider's answer is broken: ${(suite as { broken: string }).broken})`}`,
        );
  if (result.status !== "fail") return result;
  const seen = failure === undefined ? { view: view as SdkView, result } : { error: failure };
  const limitation = knownLimitation(client.name, call.mode, seen, reply);
  if (!limitation) return result;
  const reason = limitation.reason(client.version);
  known(reason);
  return c.skip(`known limitation of ${client.name}${client.version ? ` ${client.version}` : ""}: ${reason}`);
}

/** Forwards a request that reached our local server to the target, keeping the SDK's headers and body. */
function forwardToTarget(target: SuiteTarget): FetchLike {
  const base = target.baseUrl.replace(/\/+$/, "");
  return async (input) => {
    const request = input as Request;
    const url = new URL(request.url);
    const headers = new Headers(request.headers);
    for (const name of ["host", "connection", "content-length", "accept-encoding"]) headers.delete(name);
    return target.fetch(`${base}${url.pathname}${url.search}`, {
      method: request.method,
      headers,
      body: request.method === "GET" ? undefined : await request.text(),
    });
  };
}

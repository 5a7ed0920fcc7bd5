import type { ChatRequest, FinishReason } from "@parley/core";
import type { Interaction } from "../cassette/cassette";
import type { FetchLike } from "../http/fetchLike";

/** What a case exercises; a provider that lacks one skips every case tagged with it. */
export type Capability =
  | "chat"
  | "system"
  | "multi-turn"
  | "stream"
  | "tools"
  | "documents"
  | "citations"
  | "json"
  | "thinking"
  | "max_tokens"
  | "stop_sequences"
  | "errors"
  | "unicode";

/**
 * Every capability the suite knows, in the order reports list them: what `--capabilities` and `--skip` (or
 * `RunSuiteOptions.capabilities` and `skip`) choose from. A provider that offers all of them runs every case.
 */
export const CAPABILITIES: readonly Capability[] = [
  "chat",
  "system",
  "multi-turn",
  "stream",
  "tools",
  "documents",
  "citations",
  "json",
  "thinking",
  "max_tokens",
  "stop_sequences",
  "errors",
  "unicode",
];

/**
 * `required`: breaks clients (the run exits 1). `recommended`: a deviation clients survive, or model behaviour
 * a good provider shows. `info`: worth knowing, never a fault.
 */
export type Severity = "required" | "recommended" | "info";

/** Lenient expectations about what the model says; a model may word its reply as it likes. */
export interface Expectations {
  /** Strings the reply text should contain (case-insensitive). */
  textIncludes?: string[];
  /** Finish reasons the reply should end with. */
  finishReasons?: FinishReason[];
  /** The tool the reply should call, with its schema's required arguments. */
  toolCall?: string;
  /** The reply should cite the documents or tool results. */
  citations?: boolean;
  /** The reply should open with a thinking block. */
  thinking?: boolean;
}

interface CaseBase {
  /** Stable id, `<capability>.<name>`. */
  id: string;
  title: string;
  capabilities: Capability[];
  /** The most a failure in this case can weigh; behaviour checks weigh less (see {@link Expectations}). */
  severity: Severity;
}

/** A request answered normally, in both modes unless `modes` says otherwise. */
export interface ChatCase extends CaseBase {
  kind: "chat";
  /** The request without `model` (the target's) and `stream` (set per mode). */
  request: Omit<ChatRequest, "model" | "stream">;
  /** @default ["plain", "stream"] */
  modes?: Mode[];
  expect?: Expectations;
}

/** A request the provider must refuse with an HTTP error and a `{"message"}` JSON body. */
export interface ErrorCase extends CaseBase {
  kind: "error";
  /** The body sent; `model: "$MODEL"` is replaced by the target's model. A string is sent as it is. */
  body: Record<string, unknown> | string;
  /** `"wrong"` sends a made-up key instead of the target's (the case runs only when the target has a key). */
  auth?: "wrong";
  /** Acceptable statuses; the first is the one Cohere sends. */
  status: number[];
  /**
   * How far `status` binds. Below `"required"`, the required `error.status` accepts any 4xx a client does not
   * retry (not 408, 409 or 429), and a status outside `status` fails only `error.cohere-status`, with this severity.
   * @default "required"
   */
  statusSeverity?: Severity;
}

/** One recorded interaction judged as it replays (the suite's replay mode). */
export interface ReplayCase extends CaseBase {
  kind: "replay";
  interaction: Interaction;
  /** The interaction recorded for the same request in the other mode, if the cassettes hold one. */
  counterpart?: Interaction;
}

/**
 * One case of the suite: a chat request whose plain and streamed answers are judged (`chat`), a request that
 * must fail with a given status (`error`), or a recorded interaction replayed and judged (`replay`). Pass your
 * own list as `RunSuiteOptions.cases` to run more or fewer than `SUITE_CASES`.
 */
export type SuiteCase = ChatCase | ErrorCase | ReplayCase;

/** `plain`: `stream: false`, one JSON body. `stream`: `stream: true`, server-sent events. */
export type Mode = "plain" | "stream";

/** Where the suite sends its requests. */
export interface SuiteTarget {
  /** Raw HTTP: the suite reads status, headers and bytes itself. */
  fetch: FetchLike;
  /** Base URL the chat path is joined to, e.g. `https://api.cohere.com`. */
  baseUrl: string;
  /** Sent as `Authorization: Bearer <apiKey>`; enables the bad-key case. */
  apiKey?: string;
  /** Model id for built-in cases. */
  model: string;
  /**
   * The target answers the same request with the same reply (simulated provider): stream and non-stream replies
   * must then agree exactly. Live models and recordings are only held to the same shape.
   * @default false
   */
  deterministic?: boolean;
}

/** Where two JSON values differ. */
export interface ValueDiff {
  /** `$.message.content[0].text`. */
  path: string;
  expected: unknown;
  received: unknown;
  /** For stream replies: the event that produced the difference. */
  eventIndex?: number;
}

/**
 * One verdict in a case: a check (`stream.grammar`, for one) that passed, failed or was skipped for one
 * exchange, with its severity and, when it failed, what differed and where. Reports list these under each case.
 */
export interface CheckResult {
  /** Stable check id, e.g. `stream.grammar` (see the README for the list). */
  id: string;
  /** The exchange it judged; absent for checks across both. */
  mode?: Mode | "client";
  severity: Severity;
  status: "pass" | "fail" | "skip";
  message?: string;
  /** Stream event the failure is at. */
  eventIndex?: number;
  diffs?: ValueDiff[];
}

/**
 * The outcome of one case: its status, the checks it ran and how long it took (and the time to the first
 * token when it streamed). `SuiteReport.cases` holds one per case, in the order they ran.
 */
export interface CaseResult {
  id: string;
  title: string;
  capabilities: Capability[];
  /** `failed` when any check failed, whatever its severity. */
  status: "passed" | "failed" | "skipped";
  /** For a failed case, the weightiest failed check's severity; otherwise the case's own. */
  severity: Severity;
  skipReason?: string;
  durationMs: number;
  /** Time to the first token of the streamed reply, when there was one. */
  ttftMs?: number;
  checks: CheckResult[];
}

/**
 * What `runSuite` returns and every report format renders: the target, each case's result and a summary whose
 * `requiredFailed` decides the CLI's exit code. Plain JSON, so it can be saved and compared between runs.
 */
export interface SuiteReport {
  suiteVersion: string;
  mode: "live" | "replay" | "simulated";
  /** The base URL or cassette list, with any key masked. */
  target: string;
  model: string;
  startedAt: string;
  durationMs: number;
  cases: CaseResult[];
  /**
   * `failed` counts every failed case; `requiredFailed` those with a required check failing (the run exits 1),
   * `recommendedFailed` those whose failures are all recommended (or info).
   */
  summary: {
    passed: number;
    failed: number;
    skipped: number;
    requiredFailed: number;
    recommendedFailed: number;
  };
  /** Things the run corrected or noticed about its target (a base URL ending in /v2). */
  notes?: string[];
  /** How each `--clients` SDK fared on the run's requests. */
  clients?: ClientReport[];
}

/** The run's requests sent through one SDK (`--clients`), each case judged on what the SDK exposes. */
export interface ClientReport {
  /** The package, e.g. `cohere-ai` or `@ai-sdk/cohere`. */
  name: string;
  version?: string;
  cases: CaseResult[];
  summary: { passed: number; failed: number; skipped: number };
  /**
   * Failures that are the SDK's own (it fails the same way against Cohere), each with the cases and modes it hit:
   * `tools.result [plain]: fails against Cohere's own replies too: …`. Such a check is skipped, not failed.
   */
  knownLimitations?: string[];
}

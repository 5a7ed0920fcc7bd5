import type { ChatResponse } from "@parley/core";
import type { CheckResult, Mode } from "../suite/types";
import type { SdkView } from "./sdkClient";

/** How an SDK failed on one answer: it threw `error`, or it showed `view` and the check failed (`result`). */
export type SdkFailure = { error: unknown } | { view: SdkView; result: CheckResult };

/**
 * A failure that is the SDK's own: it fails the same way against Cohere's own replies. Shown in the report, not
 * counted against the provider. Each is keyed narrowly (client, modes, how it failed, the reply that caused it),
 * so a different failure still fails.
 */
export interface KnownLimitation {
  client: string;
  modes: readonly Mode[];
  /** Whether this failure, on this valid reply the provider sent (as the suite read it), is the limitation. */
  matches(failure: SdkFailure, reply: ChatResponse): boolean;
  /** What it is, for a report: `version` is the installed SDK's. */
  reason(version: string | undefined): string;
}

/**
 * The paths of a validation error's issues, down the `cause` chain: a ZodError's `issues`, or the JSON list the AI
 * SDK's type validation error quotes after "Error message:". `undefined` when there are none to read.
 */
function issuePaths(error: unknown): string[] | undefined {
  for (let e: unknown = error, depth = 0; e !== null && typeof e === "object" && depth < 5; depth++) {
    let issues = (e as { issues?: unknown }).issues;
    const quoted = /Error message: (\[[\s\S]*\])\s*$/.exec(String((e as { message?: unknown }).message));
    if (!Array.isArray(issues) && quoted) {
      try {
        issues = JSON.parse(quoted[1] as string);
      } catch {}
    }
    if (Array.isArray(issues) && issues.length > 0) {
      return issues.map((issue) => ((issue as { path?: unknown[] }).path ?? []).map(String).join("."));
    }
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

/**
 * Whether every issue the SDK found is a tool source's missing `document`, at a source of the reply that is a tool
 * source without one: any other issue in the same reply is the provider's, and still fails.
 */
function onlyToolSourcesLackDocument(error: unknown, reply: ChatResponse): boolean {
  const paths = issuePaths(error);
  return (
    paths?.every((path) => {
      const at = /^(?:message\.)?citations\.(\d+)\.sources\.(\d+)\.document$/.exec(path);
      const source = at && reply.message.citations?.[Number(at[1])]?.sources?.[Number(at[2])];
      return !!source && source.type === "tool" && !("document" in source);
    }) === true
  );
}

const sdk = (version: string | undefined) => `@ai-sdk/cohere${version ? ` ${version}` : ""}`;

export const KNOWN_LIMITATIONS: readonly KnownLimitation[] = [
  {
    // Cohere cites a tool result as {"type":"tool","id":"<call id>:<n>","tool_output":{…}} (spec §5.1); the
    // provider's response schema requires `document` on every source, so the plain call throws.
    client: "@ai-sdk/cohere",
    modes: ["plain"],
    matches: (failure, reply) => "error" in failure && onlyToolSourcesLackDocument(failure.error, reply),
    reason: (version) =>
      `fails against Cohere's own replies too: ${sdk(version)} requires sources[].document on every citation, which Cohere's tool sources lack`,
  },
  {
    // Cohere added TIMEOUT in 2025-10 (spec §5); the provider maps only the older reasons.
    client: "@ai-sdk/cohere",
    modes: ["plain", "stream"],
    // Only on a reply without tool calls, as Cohere sends TIMEOUT: with tool calls, "other" stops the AI SDK's tool
    // loop, which is the provider's doing.
    matches: (failure, reply) =>
      "view" in failure &&
      reply.finish_reason === "TIMEOUT" &&
      (reply.message.tool_calls ?? []).length === 0 &&
      failure.view.finishReason === "other" &&
      (failure.result.diffs ?? []).length > 0 &&
      (failure.result.diffs ?? []).every((d) => d.path === "$.finishReason"),
    reason: (version) =>
      `fails against Cohere's own replies too: ${sdk(version)} shows Cohere's finish reason TIMEOUT as "other"`,
  },
];

/** The known limitation this failure is, if any. */
export function knownLimitation(
  client: string,
  mode: Mode,
  failure: SdkFailure,
  reply: ChatResponse | undefined,
): KnownLimitation | undefined {
  if (!reply) return undefined; // the provider's answer is broken: the failure is not the SDK's alone
  return KNOWN_LIMITATIONS.find(
    (k) => k.client === client && k.modes.includes(mode) && k.matches(failure, reply),
  );
}

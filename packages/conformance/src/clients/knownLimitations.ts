import type { ChatResponse } from "@parley/core";
import type { CheckResult, Mode } from "../suite/types";
import { describeSdkError } from "./describeSdkError";
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

const hasToolSourceWithoutDocument = (reply: ChatResponse) =>
  (reply.message.citations ?? []).some((citation) =>
    (citation.sources ?? []).some((source) => source.type === "tool" && !("document" in source)),
  );

const sdk = (version: string | undefined) => `@ai-sdk/cohere${version ? ` ${version}` : ""}`;

export const KNOWN_LIMITATIONS: readonly KnownLimitation[] = [
  {
    // Cohere cites a tool result as {"type":"tool","id":"<call id>:<n>","tool_output":{…}} (spec §5.1); the
    // provider's response schema requires `document` on every source, so the plain call throws.
    client: "@ai-sdk/cohere",
    modes: ["plain"],
    matches: (failure, reply) =>
      "error" in failure &&
      hasToolSourceWithoutDocument(reply) &&
      /citations[^a-z]*\d+[^a-z]*sources[^a-z]*\d+[^a-z]*document/.test(
        describeSdkError(failure.error, Number.POSITIVE_INFINITY),
      ),
    reason: (version) =>
      `fails against Cohere's own replies too: ${sdk(version)} requires sources[].document on every citation, which Cohere's tool sources lack`,
  },
  {
    // Cohere added TIMEOUT in 2025-10 (spec §5); the provider maps only the older reasons.
    client: "@ai-sdk/cohere",
    modes: ["plain", "stream"],
    matches: (failure, reply) =>
      "view" in failure &&
      reply.finish_reason === "TIMEOUT" &&
      failure.view.finishReason === "other" &&
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

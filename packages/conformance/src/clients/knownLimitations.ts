import type { ChatResponse } from "@parley/core";
import type { Mode } from "../suite/types";
import { describeSdkError } from "./describeSdkError";

/**
 * A failure that is the SDK's own: it fails the same way against Cohere's own replies. Shown in the report, not
 * counted against the provider. Each is keyed narrowly (client, mode, the error, the reply that caused it), so a
 * different failure still fails.
 */
export interface KnownLimitation {
  client: string;
  mode: Mode;
  /** Whether this failure, on this reply the provider sent (as the suite read it), is the limitation. */
  matches(error: unknown, reply: ChatResponse | undefined): boolean;
  /** What it is, for a report: `version` is the installed SDK's. */
  reason(version: string | undefined): string;
}

const hasToolSourceWithoutDocument = (reply: ChatResponse | undefined) =>
  (reply?.message.citations ?? []).some((citation) =>
    (citation.sources ?? []).some((source) => source.type === "tool" && !("document" in source)),
  );

export const KNOWN_LIMITATIONS: readonly KnownLimitation[] = [
  {
    // Cohere cites a tool result as {"type":"tool","id":"<call id>:<n>","tool_output":{…}} (spec §5.1); the
    // provider's response schema requires `document` on every source, so the plain call throws.
    client: "@ai-sdk/cohere",
    mode: "plain",
    matches: (error, reply) =>
      hasToolSourceWithoutDocument(reply) &&
      /citations[^a-z]*\d+[^a-z]*sources[^a-z]*\d+[^a-z]*document/.test(
        describeSdkError(error, Number.POSITIVE_INFINITY),
      ),
    reason: (version) =>
      `fails against Cohere's own replies too: @ai-sdk/cohere ${version ?? ""} requires sources[].document on every citation, which Cohere's tool sources lack`.replace(
        "  ",
        " ",
      ),
  },
];

/** The known limitation this failure is, if any. */
export function knownLimitation(
  client: string,
  mode: Mode,
  error: unknown,
  reply: ChatResponse | undefined,
): KnownLimitation | undefined {
  return KNOWN_LIMITATIONS.find((k) => k.client === client && k.mode === mode && k.matches(error, reply));
}

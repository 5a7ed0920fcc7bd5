import type { ChatRequest } from "@parley/core";
import type { Mode } from "../suite/types";

/** What an SDK exposes of a reply, reduced to what every SDK shows: judged against the raw exchange. */
export interface SdkView {
  text: string;
  toolCalls: Array<{ name: string; arguments: unknown }>;
  /** As the SDK names it (the AI SDK maps Cohere's reasons to its own). */
  finishReason: string | undefined;
  usage: { input: number | undefined; output: number | undefined };
  /** How many citations the SDK shows; absent when it has no way to show them. */
  citations?: number;
}

/** Where the SDK sends its request: a base URL (ours, in front of the target) and the key. */
export interface SdkTarget {
  baseUrl: string;
  apiKey: string | undefined;
  signal: AbortSignal;
}

/** One SDK the run's requests are sent through (`--clients`). */
export interface SdkClient {
  /** The package name, e.g. `cohere-ai`. */
  name: string;
  version?: string;
  /** Why this SDK cannot send the request as it is (it has no way to say documents, say); undefined if it can. */
  unsupported(request: ChatRequest): string | undefined;
  /** Sends the request (without `stream`) in the mode and returns what the SDK exposes; throws what it throws. */
  call(request: ChatRequest, mode: Mode, target: SdkTarget): Promise<SdkView>;
  /** The documented value the SDK shows for a wire finish reason; undefined when it documents none for it. */
  finishReason(raw: string): string | undefined;
  /** The finish reasons the SDK documents: what its users' code compares against. */
  finishReasons: readonly string[];
  /** Who misreads a finish reason outside `finishReasons`, said for a failure message. */
  finishReasonUsers: string;
  /** Whether the SDK shows citations in this mode (the AI SDK's stream has none). */
  showsCitations(mode: Mode): boolean;
}

import { nestsDeeperThan } from "@parley/core/protocol";
import type { Cassette, Interaction, RecordedRequest } from "../cassette/cassette";
import { compilePathPattern, formatPath, type JsonValue, type PathPattern } from "../json/json";
import { TOO_DEEP_MESSAGE } from "../json/jsonDepth";
import { jsonDiff } from "../json/jsonDiff";
import { isChatPath, withChatDefaults, withoutTrailingSlash } from "./requestDefaults";

/** A request as replay sees it: method, path (with query) and the body parsed as JSON when it is JSON. */
export interface IncomingRequest {
  method: string;
  path: string;
  body: JsonValue | undefined;
  headers: Headers;
}

/** How replay pairs requests with recorded interactions. */
export interface MatchOptions {
  /**
   * JSON paths in the request body that matching ignores, e.g. `["temperature", "messages[*].content"]`:
   * keys joined by `.`, `[n]` for an item, `*` for any key or item.
   * @default []
   */
  ignore?: readonly string[];
  /** Replaces the default comparison (method, path and JSON body). */
  match?: (request: IncomingRequest, recorded: RecordedRequest, interaction: Interaction) => boolean;
  /**
   * Answer repeated identical requests with their recorded interactions in order, each once, instead of always
   * with the first.
   * @default false
   */
  sequence?: boolean;
}

/**
 * The request as replay compares it; JSON nested deeper than any request needs is refused (`{ refused }`, a 400),
 * as comparing it would overflow the stack.
 */
export async function readIncoming(request: Request): Promise<IncomingRequest | { refused: string }> {
  const url = new URL(request.url);
  const text = await request.text();
  if (nestsDeeperThan(text)) return { refused: TOO_DEEP_MESSAGE };
  let body: JsonValue | undefined;
  if (text !== "") {
    try {
      body = JSON.parse(text) as JsonValue;
    } catch {
      body = text;
    }
  }
  return {
    method: request.method.toUpperCase(),
    path: url.pathname + url.search,
    body,
    headers: request.headers,
  };
}

interface Entry {
  interaction: Interaction;
  label: string;
}

export type MatchResult = { interaction: Interaction; label: string } | { message: string };

/**
 * Finds the interaction that answers a request; keeps the counters of `sequence`. The cassettes are read at each
 * call, so interactions added to them later (record-if-missing) are found too.
 */
export function createMatcher(cassettes: readonly Cassette[], options: MatchOptions) {
  const ignore: PathPattern[] = (options.ignore ?? []).map(compilePathPattern);
  const listEntries = (): Entry[] =>
    cassettes.flatMap((cassette, c) =>
      cassette.interactions.map((interaction, i) => ({
        interaction,
        label: `${fileName(cassette.source) ?? `cassettes[${c}]`} interactions[${i}]${interaction.name ? ` ("${interaction.name}")` : ""}`,
      })),
    );
  const used = new Map<Interaction, number>();
  // Bodies are compared by meaning: against a recorded chat request, a field left out equals its default.
  const meaning = (recorded: RecordedRequest, body: JsonValue | undefined) =>
    isChatPath(recorded.path) ? withChatDefaults(body) : body;
  const differences = (request: IncomingRequest, recorded: RecordedRequest): string[] => {
    const out: string[] = [];
    if (recorded.method.toUpperCase() !== request.method) out.push("method");
    if (withoutTrailingSlash(recorded.path) !== withoutTrailingSlash(request.path)) out.push("path");
    return out.concat(
      jsonDiff(meaning(recorded, recorded.body), meaning(recorded, request.body), { ignore }).map((d) =>
        formatPath(["body", ...d.path]),
      ),
    );
  };
  const matches = (request: IncomingRequest, entry: Entry) =>
    options.match
      ? options.match(request, entry.interaction.request, entry.interaction)
      : differences(request, entry.interaction.request).length === 0;

  return (request: IncomingRequest): MatchResult => {
    const entries = listEntries();
    const candidates = entries.filter((entry) => matches(request, entry));
    const first = candidates[0];
    if (first && !options.sequence) return first;
    if (first) {
      const count = used.get(first.interaction) ?? 0;
      const next = candidates[count];
      if (next) {
        used.set(first.interaction, count + 1);
        return next;
      }
      return {
        message: `All ${candidates.length} recorded answers to ${request.method} ${request.path} were used (sequence mode); first: ${first.label}`,
      };
    }
    return { message: unmatchedMessage(request, entries, differences) };
  };
}

function unmatchedMessage(
  request: IncomingRequest,
  entries: readonly Entry[],
  differences: (request: IncomingRequest, recorded: RecordedRequest) => string[],
): string {
  const head = `No recorded interaction matches ${request.method} ${request.path}`;
  if (entries.length === 0) return `${head}: no cassette holds any interaction.`;
  let best: { entry: Entry; paths: string[]; score: number } | undefined;
  for (const entry of entries) {
    const paths = differences(request, entry.interaction.request);
    // The same request at another path is the likeliest meant (a prefix or version edited); otherwise a different
    // method, path or stream mode matters more than any number of other body differences.
    const score =
      (paths.length === 1 && paths[0] === "path" ? -1e7 : 0) +
      (paths[0] === "method" ? 1e6 : 0) +
      (paths.includes("path") ? 1e5 : 0) +
      (paths.includes("body.stream") ? 1e4 : 0) +
      paths.length;
    if (!best || score < best.score) best = { entry, paths, score };
  }
  if (!best) return head;
  const shown = best.paths.slice(0, 8).join(", ");
  const more = best.paths.length > 8 ? ` and ${best.paths.length - 8} more` : "";
  const recorded = best.entry.interaction.request;
  return `${head}. Closest: ${best.entry.label}, ${recorded.method} ${recorded.path}, which differs at ${shown || formatPath([])}${more}.`;
}

/**
 * A cassette's file name without its folder: answers go to whoever can reach the server, and the folder the
 * cassettes were given from (`/home/me/work/...`) is nothing they should learn.
 */
function fileName(source: string | undefined): string | undefined {
  return source?.split(/[\\/]/).at(-1);
}

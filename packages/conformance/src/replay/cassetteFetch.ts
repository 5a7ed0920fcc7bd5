import type { Cassette, Interaction } from "../cassette/cassette";
import { errorResponse } from "../http/errorResponse";
import type { FetchLike } from "../http/fetchLike";
import { toRequest } from "../http/fetchLike";
import { createRecordingFetch, type RecordingFetch, type RecordingOptions } from "../record/recordingFetch";
import { createMatcher, readIncoming } from "./matchRequest";
import { createReplayFetch, createResponder, type ReplayOptions } from "./replayFetch";

export interface CassetteFetchOptions extends ReplayOptions, Omit<RecordingOptions, "pacing"> {
  /**
   * `"replay"` answers from the cassettes only (an unmatched request gets the replay's 404); `"record"` sends
   * every request upstream and records it; `"auto"` replays what is recorded and records what is missing, as
   * vcrpy's `new_episodes` and Polly's record-if-missing do.
   */
  mode: "replay" | "record" | "auto";
  /** What is already recorded. @default [] */
  cassettes?: Cassette | readonly Cassette[];
  /** Where requests go that nothing answers: required for `"record"` and `"auto"`. */
  upstream?: FetchLike;
  /**
   * Record when each streamed chunk arrived (`pacing` in the cassette).
   * @default true
   */
  recordPacing?: boolean;
}

/**
 * Record or replay in one `fetch`. Recorded exchanges are kept in `interactions` (and told to `onInteraction`);
 * `toCassette()` gives them as a cassette after the same secret scan as the recorder (it throws
 * `SecretLeakError` rather than hand out a cassette that holds a key). In `"auto"` mode, a request answered
 * once from upstream is replayed from then on.
 */
export function createCassetteFetch(options: CassetteFetchOptions): RecordingFetch {
  const { mode, upstream } = options;
  if (mode !== "replay" && mode !== "record" && mode !== "auto") {
    throw new RangeError(`mode must be "replay", "record" or "auto", got ${JSON.stringify(mode)}`);
  }
  const given = options.cassettes ?? [];
  const list: readonly Cassette[] = Array.isArray(given) ? given : [given as Cassette];
  if (mode !== "replay" && !upstream) throw new TypeError(`mode "${mode}" needs an upstream fetch`);
  const recorder = createRecordingFetch(upstream ?? (() => Promise.reject(new Error("no upstream"))), {
    ...options,
    pacing: options.recordPacing,
  });
  if (mode === "record") return recorder;
  if (mode === "replay") return { ...recorder, fetch: createReplayFetch(list, options) };

  // The recorder's own list grows as exchanges complete; the matcher reads it at every request.
  const recorded: Cassette = { interactions: recorder.interactions as Interaction[], source: "recorded" };
  const find = createMatcher([...list, recorded], options);
  const respond = createResponder(options);
  const fetch: FetchLike = async (input, init) => {
    const request = toRequest(input, init);
    const signal = init?.signal ?? request.signal;
    signal.throwIfAborted();
    const incoming = await readIncoming(request.clone());
    if ("refused" in incoming) return errorResponse(400, incoming.refused);
    const found = find(incoming);
    if ("interaction" in found) {
      return respond.httpFault() ?? respond(found.interaction.response, signal);
    }
    return recorder.fetch(request);
  };
  return {
    fetch,
    get interactions() {
      return recorder.interactions;
    },
    get secrets() {
      return recorder.secrets;
    },
    toCassette: (meta) => recorder.toCassette(meta),
  };
}

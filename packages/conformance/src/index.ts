export type { Cassette, Interaction, RecordedRequest, RecordedResponse } from "./cassette";
export type { FaultInjector, Faults } from "./faults";
export { createFaultInjector, withFaults } from "./faults";
export type { FetchLike } from "./fetchLike";
export type { JsonValue } from "./json";
export type { IncomingRequest, MatchOptions } from "./matchRequest";
export { CassetteError, parseCassette, parseCassetteText } from "./parseCassette";
export type { ReplayOptions } from "./replayFetch";
export { createReplayFetch } from "./replayFetch";

export type { Cassette, Interaction, RecordedRequest, RecordedResponse } from "./cassette/cassette";
export { CassetteError, parseCassette, parseCassetteText } from "./cassette/parseCassette";
export type { FaultInjector, Faults } from "./faults/faults";
export { createFaultInjector, withFaults } from "./faults/faults";
export type { BodyEnd, BodyTap } from "./http/bodyTap";
export { tapBody } from "./http/bodyTap";
export type { FetchLike } from "./http/fetchLike";
export type { JsonValue } from "./json/json";
export type { RecordingFetch, RecordingOptions } from "./record/recordingFetch";
export { createRecordingFetch } from "./record/recordingFetch";
export type { CassetteFetchOptions } from "./replay/cassetteFetch";
export { createCassetteFetch } from "./replay/cassetteFetch";
export type { IncomingRequest, MatchOptions } from "./replay/matchRequest";
export type { ReplayOptions } from "./replay/replayFetch";
export { createReplayFetch } from "./replay/replayFetch";
export { formatHtml } from "./report/formatHtml";
export { formatJunit } from "./report/formatJunit";
export { formatMarkdown } from "./report/formatMarkdown";
export { formatProgress, formatSummary, formatTerminal } from "./report/formatTerminal";
export type { SecretFinding, SecretScanOptions } from "./secrets/scanSecrets";
export { assertNoSecrets, SecretLeakError, scanForSecrets } from "./secrets/scanSecrets";
export type { SimulatedProviderOptions } from "./simulator/simulatedProvider";
export { createSimulatedProvider } from "./simulator/simulatedProvider";
export { SUITE_CASES, SUITE_VERSION } from "./suite/cases";
export { casesFromCassettes } from "./suite/casesFromCassettes";
export type { ProgressEvent, RunSuiteOptions } from "./suite/runSuite";
export { runSuite } from "./suite/runSuite";
export type {
  Capability,
  CaseResult,
  ChatCase,
  CheckResult,
  ClientReport,
  ErrorCase,
  Expectations,
  Mode,
  ReplayCase,
  Severity,
  SuiteCase,
  SuiteReport,
  SuiteTarget,
  ValueDiff,
} from "./suite/types";
export { CAPABILITIES } from "./suite/types";

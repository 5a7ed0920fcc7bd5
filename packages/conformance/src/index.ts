export type { Cassette, Interaction, RecordedRequest, RecordedResponse } from "./cassette";
export type { FaultInjector, Faults } from "./faults";
export { createFaultInjector, withFaults } from "./faults";
export type { FetchLike } from "./fetchLike";
export type { JsonValue } from "./json";
export type { IncomingRequest, MatchOptions } from "./matchRequest";
export { CassetteError, parseCassette, parseCassetteText } from "./parseCassette";
export type { RecordingFetch, RecordingOptions } from "./recordingFetch";
export { createRecordingFetch } from "./recordingFetch";
export type { ReplayOptions } from "./replayFetch";
export { createReplayFetch } from "./replayFetch";
export { formatJunit } from "./report/formatJunit";
export { formatMarkdown } from "./report/formatMarkdown";
export { formatProgress, formatSummary, formatTerminal } from "./report/formatTerminal";
export type { SecretFinding, SecretScanOptions } from "./scanSecrets";
export { assertNoSecrets, SecretLeakError, scanForSecrets } from "./scanSecrets";
export type { SimulatedProviderOptions } from "./simulatedProvider";
export { createSimulatedProvider } from "./simulatedProvider";
export { SUITE_CASES, SUITE_VERSION } from "./suite/cases";
export { casesFromCassettes } from "./suite/casesFromCassettes";
export type { ProgressEvent, RunSuiteOptions } from "./suite/runSuite";
export { runSuite } from "./suite/runSuite";
export type {
  Capability,
  CaseResult,
  ChatCase,
  CheckResult,
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

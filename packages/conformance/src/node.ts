export { loadCassette, loadCassettes } from "./cassette/loadCassettes";
export { writeCassette } from "./cassette/writeCassette";
export { runCommand } from "./cli/runCommand";
export type { RunningServer, ServerOptions } from "./http/server";
export { createServer } from "./http/server";
export type { RecordingProxyOptions } from "./record/recordingProxy";
export { createRecordingProxy } from "./record/recordingProxy";

export { loadCassette, loadCassettes } from "./loadCassettes";
export type { RecordingProxyOptions } from "./recordingProxy";
export { createRecordingProxy } from "./recordingProxy";
export { runCommand } from "./run/runCommand";
export type { RunningServer, ServerOptions } from "./server";
export { createServer } from "./server";
export { writeCassette } from "./writeCassette";

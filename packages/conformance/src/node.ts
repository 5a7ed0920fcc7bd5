export { loadCassette, loadCassettes } from "./loadCassettes";
export type { RunningServer, ServerOptions } from "./server";
export { createServer } from "./server";

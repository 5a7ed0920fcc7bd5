// `@parley/server/node`: the adapter for Node's http, Express and Connect. The main entry stays free of Node.
export type { NodeHandlerOptions } from "./toNodeHandler";
export { toNodeHandler } from "./toNodeHandler";

// workerd: a module worker. `GET /checks` answers with the checks' results; every other request goes to the
// chat handler, which the host (run.mjs) reaches through miniflare's `dispatchFetch` for the server handler
// check (serverHandler.ts's `streamThroughHandler`, run in Node against this worker).
import type { ChatHandler } from "@parley/server";
import { runChecks } from "../checks";
import { matrixHandler } from "../serverHandler";

let handler: ChatHandler | undefined;

export default {
  async fetch(request: Request): Promise<Response> {
    if (new URL(request.url).pathname === "/checks") return Response.json(await runChecks());
    handler ??= matrixHandler();
    return handler(request);
  },
};

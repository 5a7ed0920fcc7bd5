import { ClientV2 } from "@parley/core";
import { createStreamRecorder } from "./streamRecorder";

/** Watches the chat's event streams for the stream view. */
export const streamRecorder = createStreamRecorder();

/**
 * The browser's client talks to the demo server on its own origin. It sends no key (`""` leaves out the
 * Authorization header): the server holds the key, if there is one.
 */
export const client = new ClientV2({ baseUrl: location.origin, apiKey: "", fetch: streamRecorder.fetch });

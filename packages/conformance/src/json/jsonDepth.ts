import { MAX_JSON_DEPTH } from "@parley/core/protocol";

/** The message a too-deep body is refused with (a 400); the scan is core's `nestsDeeperThan`. */
export const TOO_DEEP_MESSAGE = `invalid request: the body nests deeper than ${MAX_JSON_DEPTH} levels`;

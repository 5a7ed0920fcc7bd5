/**
 * Sent by the conformance page to ask the simulated provider to skip its pacing: the same replies, byte for
 * byte, without the wait that makes streaming visible in the chat, so the suite's few dozen requests finish in
 * seconds. The Cohere proxy does not forward it. (No Node imports here: the browser bundle reads it too.)
 */
export const UNPACED_HEADER = "x-parley-demo-unpaced";

import { ValidationError } from "../errors";
import type { ChatOptions } from "./types";

const BUSY_POLICIES = new Set(["reject", "queue", "interrupt"]);

/** Throws a `ValidationError` naming the first option that is wrong. */
export function checkChatOptions(options: ChatOptions): void {
  if (typeof options !== "object" || options === null)
    throw new ValidationError("options", "must be an object");
  if (typeof options.client?.chatStream !== "function") {
    throw new ValidationError("options.client", "must have a chatStream() method (a ClientV2)");
  }
  // An empty model is allowed here: a model field being edited passes through "" on its way to a new name. The
  // request's own validation refuses it when a send uses it, and the chat shows that error.
  if (typeof options.model !== "string") throw new ValidationError("options.model", "must be a string");
  const { maxSteps, throttleMs, busy } = options;
  if (maxSteps !== undefined && !(Number.isInteger(maxSteps) && maxSteps >= 1)) {
    throw new ValidationError("options.maxSteps", "must be a whole number of at least 1");
  }
  if (throttleMs !== undefined && !(Number.isFinite(throttleMs) && throttleMs >= 0)) {
    throw new ValidationError("options.throttleMs", "must be a finite number of milliseconds, 0 or more");
  }
  if (busy !== undefined && !BUSY_POLICIES.has(busy)) {
    throw new ValidationError("options.busy", 'must be "reject", "queue" or "interrupt"');
  }
}

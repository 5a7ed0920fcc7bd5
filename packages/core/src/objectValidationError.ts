import { ParleyError } from "./errors";
import type { StandardSchemaIssue } from "./standardSchema";
import type { ChatResponse } from "./types";

/**
 * A structured reply (`chatObject`, `chatObjectStream`) that is not JSON, or does not fit the schema. `text` is
 * the reply as it came; `issues` say what was wrong and where (`path`), as the schema reported them (a reply that
 * is not JSON has one issue and no path).
 */
export class ObjectValidationError extends ParleyError {
  override readonly name: string = "ObjectValidationError";
  readonly text: string;
  readonly issues: ReadonlyArray<StandardSchemaIssue>;
  readonly response: ChatResponse;

  constructor(
    message: string,
    init: { text: string; issues: ReadonlyArray<StandardSchemaIssue>; response: ChatResponse },
  ) {
    super(message);
    this.text = init.text;
    this.issues = init.issues;
    this.response = init.response;
  }
}

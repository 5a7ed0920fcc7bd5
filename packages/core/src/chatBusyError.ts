import { ParleyError } from "./errors";

/** A chat action was refused because a run is in progress or tool results are awaited (busy policy `reject`). */
export class ChatBusyError extends ParleyError {
  override readonly name: string = "ChatBusyError";
}

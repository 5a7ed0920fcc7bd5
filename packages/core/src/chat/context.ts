import type { ReplyDraft } from "../accumulate";
import type { Publisher } from "./publisher";
import type { AssistantUIMessage, ChatOptions, FinishReasonKind, UserUIMessage } from "./types";

/** One request-and-tools loop started by send, edit, regenerate, retry or a completed set of tool results. */
export interface Run {
  readonly controller: AbortController;
  /** The reply of the current step as last built; a placeholder until the response shows something. */
  reply: AssistantUIMessage;
  /** Whether `reply` is in `messages` yet. */
  inserted: boolean;
  /** The reply so far, as the stream's own builder (or, for a plain iterable, the store's reducer) holds it. */
  draft: () => ReplyDraft;
  /** The draft `reply` was built from: a publish with nothing new builds nothing. */
  shown: ReplyDraft | undefined;
  /** Events arrived since `reply` was built. */
  dirty: boolean;
  steps: number;
  /** Resolves the promise of the action that started the run. */
  settle(): void;
  /** Called as the run ends, with how it ended (the busy policy moves the queue on). */
  readonly ended: (reason: FinishReasonKind) => void;
}

export interface Outcome {
  reason: FinishReasonKind;
  error?: Error;
}

/** A user turn waiting for the run before it (busy policy `queue`). */
export interface Queued {
  message: UserUIMessage;
  settle(): void;
}

/** What the parts of one chat share: its state and publishing, options, ids, and the run and queue of the moment. */
export interface ChatContext extends Publisher {
  options: ChatOptions;
  readonly nextId: () => string;
  run: Run | undefined;
  queue: Queued[];
}

import type { Chat, ChatParams } from "@parley/core";
import { useMemo, useState } from "react";
import { nextSeed } from "./nextSeed";

export interface RegenerateSeed {
  /** `base`, plus the seed while there is one. */
  params: ChatParams;
  /** Picks a new seed for the run about to start (call it right before `regenerate`). */
  pickNewSeed(chat: Chat): void;
  /** Drops the seed before a new message or an edit, which are sampled as usual. */
  dropSeed(chat: Chat): void;
}

/**
 * The seed of Regenerate. Each Regenerate samples its reply with a new `seed` (the simulated provider words its
 * reply by seed), and the run it starts keeps it, tool steps and Retry included; a new message or an edit goes
 * without one. The store reads its options when a request starts, before React renders the new params, so
 * `pickNewSeed` and `dropSeed` hand them to the store at once as well.
 */
export function useRegenerateSeed(base: ChatParams): RegenerateSeed {
  const [seed, setSeed] = useState<number>();
  const params = useMemo(() => (seed === undefined ? base : { ...base, seed }), [base, seed]);
  const pin = (chat: Chat, next: number | undefined) => {
    setSeed(next);
    chat.setOptions({ params: next === undefined ? base : { ...base, seed: next } });
  };
  return {
    params,
    pickNewSeed: (chat) => pin(chat, nextSeed(seed)),
    dropSeed: (chat) => {
      if (seed !== undefined) pin(chat, undefined);
    },
  };
}

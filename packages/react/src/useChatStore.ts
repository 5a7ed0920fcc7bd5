import { acquireChat, type Chat, type ChatOptions, createChat, findChat } from "@parley/core";
import { useEffect, useState } from "react";

function isChat(source: ChatOptions | Chat): source is Chat {
  return (
    typeof (source as Chat).getSnapshot === "function" && typeof (source as Chat).subscribe === "function"
  );
}

/** The chat shared under `options.id` if there is one, else a new one (registered once the component commits). */
function chatFor(options: ChatOptions): Chat {
  return (options.id !== undefined ? findChat(options.id) : undefined) ?? createChat(options);
}

/**
 * The store behind a `useChat` call: the one given, or one this component holds in core's chat registry (with
 * any others naming its id). Holds are taken in an effect, so a render that never commits holds nothing, and on
 * the server nothing is registered.
 */
export function useChatStore(source: ChatOptions | Chat): Chat {
  const given = isChat(source) ? source : undefined;
  const options = given ? undefined : (source as ChatOptions);
  const [state, setState] = useState(() => (options ? chatFor(options) : undefined));
  let owned = state;
  // A new id is another conversation: switch to its chat (the effect below releases the old one).
  if (options && (owned === undefined || (options.id !== undefined && owned.id !== options.id))) {
    owned = chatFor(options);
    setState(owned);
  }
  const chat = given ?? (owned as Chat);

  // Options are read when a request starts, so the latest render's options are the ones the next send uses.
  useEffect(() => {
    if (options) chat.setOptions(options);
  });
  useEffect(() => {
    if (given) return undefined;
    const lease = acquireChat(chat.id, () => chat);
    // Another component registered this id first (both rendered before either committed): share its chat.
    if (lease.chat !== chat) setState(lease.chat);
    return lease.release;
  }, [chat, given]);
  return chat;
}

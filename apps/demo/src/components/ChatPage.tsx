import type { UserContent } from "@parley/core";
import { useChat } from "@parley/react";
import { useCallback, useMemo, useRef, useState } from "react";
import { chatAnnouncement } from "../lib/chatAnnouncement";
import { type ChatSettings, defaultSettings, settingsToParams, settingsToTools } from "../lib/chatSettings";
import { client } from "../lib/demoClient";
import { nextSeed } from "../lib/nextSeed";
import { useEscapeKey } from "../lib/useEscapeKey";
import { Composer } from "./Composer";
import { ErrorNotice } from "./ErrorNotice";
import { LiveRegion } from "./LiveRegion";
import { SettingsPanel } from "./SettingsPanel";
import { StreamView } from "./StreamView";
import { Transcript } from "./Transcript";

/** The chat. `active` is false while another page shows (the chat stays mounted then, but keys are not its). */
export function ChatPage({ active }: { active: boolean }) {
  const [settings, setSettings] = useState<ChatSettings>(defaultSettings);
  // Set by Regenerate, so each regenerated reply is sampled anew; kept for the requests after it.
  const [seed, setSeed] = useState<number>();
  const params = useMemo(() => settingsToParams(settings, seed), [settings, seed]);
  const tools = useMemo(() => settingsToTools(settings), [settings]);
  const chat = useChat({
    client,
    model: settings.model,
    system: settings.system.trim() || undefined,
    params,
    tools,
  });
  const busy = chat.status === "submitted" || chat.status === "streaming";
  const last = chat.messages.at(-1);

  const messageBox = useRef<HTMLTextAreaElement>(null);
  const { chat: store, stop, regenerate, edit, reset } = chat;
  const stopAndFocus = useCallback(() => {
    stop();
    // Stop disables itself; without this the focus would drop to the page.
    messageBox.current?.focus();
  }, [stop]);
  useEscapeKey(active && busy, stopAndFocus);

  const regenerateWithNewSeed = useCallback(() => {
    const next = nextSeed(seed);
    setSeed(next);
    // The request starts now, before React renders the new params, so they go to the store directly.
    store.setOptions({ params: { ...params, seed: next } });
    regenerate();
    messageBox.current?.focus();
  }, [seed, params, store, regenerate]);

  const editAndFocus = useCallback(
    (messageId: string, content: UserContent) => {
      edit(messageId, content);
      messageBox.current?.focus();
    },
    [edit],
  );

  const newChat = useCallback(() => {
    reset();
    setSeed(undefined);
  }, [reset]);

  return (
    <div className="chat-page">
      <section className="chat-main" aria-label="Chat">
        <Transcript chat={store} onEdit={editAndFocus} onSuggestion={chat.send} />
        {chat.error && <ErrorNotice error={chat.error} onRetry={chat.retry} />}
        <Composer
          status={chat.status}
          canRegenerate={!busy && last?.role === "assistant"}
          inputRef={messageBox}
          onSend={chat.send}
          onStop={stopAndFocus}
          onRegenerate={regenerateWithNewSeed}
        />
        <LiveRegion text={chatAnnouncement(chat.status, chat.messages)} />
      </section>
      <aside className="chat-side" aria-label="Settings and stream">
        <SettingsPanel settings={settings} onChange={setSettings} onNewChat={newChat} busy={busy} />
        <StreamView />
      </aside>
    </div>
  );
}

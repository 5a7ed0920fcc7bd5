import type { UserContent } from "@parley/core";
import { useChat } from "@parley/react";
import { useCallback, useMemo, useRef, useState } from "react";
import { chatAnnouncement } from "../lib/chatAnnouncement";
import { type ChatSettings, defaultSettings, settingsToParams, settingsToTools } from "../lib/chatSettings";
import { client } from "../lib/demoClient";
import { useEscapeKey } from "../lib/useEscapeKey";
import { useRegenerateSeed } from "../lib/useRegenerateSeed";
import { Composer } from "./Composer";
import { ErrorNotice } from "./ErrorNotice";
import { LiveRegion } from "./LiveRegion";
import { SettingsPanel } from "./SettingsPanel";
import { StreamView } from "./StreamView";
import { Transcript } from "./Transcript";

/** The chat. `active` is false while another page shows (the chat stays mounted then, but keys are not its). */
export function ChatPage({ active }: { active: boolean }) {
  const [settings, setSettings] = useState<ChatSettings>(defaultSettings);
  const baseParams = useMemo(() => settingsToParams(settings), [settings]);
  const { params, pickNewSeed, dropSeed } = useRegenerateSeed(baseParams);
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
  const { chat: store, send, stop, regenerate, edit, reset } = chat;
  const stopAndFocus = useCallback(() => {
    stop();
    // Stop disables itself; without this the focus would drop to the page.
    messageBox.current?.focus();
  }, [stop]);
  useEscapeKey(active && busy, stopAndFocus);

  // The seed helpers change with the seed; refs keep the callbacks below (and so the memoised parts) stable.
  const seeds = useRef({ pickNewSeed, dropSeed });
  seeds.current = { pickNewSeed, dropSeed };

  const regenerateWithNewSeed = useCallback(() => {
    seeds.current.pickNewSeed(store);
    regenerate();
    messageBox.current?.focus();
  }, [store, regenerate]);

  const sendUnseeded = useCallback(
    (text: string) => {
      seeds.current.dropSeed(store);
      send(text);
    },
    [store, send],
  );

  const editAndFocus = useCallback(
    (messageId: string, content: UserContent) => {
      seeds.current.dropSeed(store);
      edit(messageId, content);
      messageBox.current?.focus();
    },
    [store, edit],
  );

  const newChat = useCallback(() => {
    reset();
    seeds.current.dropSeed(store);
  }, [store, reset]);

  return (
    <div className="chat-page">
      <section className="chat-main" aria-label="Chat">
        <Transcript chat={store} onEdit={editAndFocus} onSuggestion={sendUnseeded} />
        {chat.error && <ErrorNotice error={chat.error} onRetry={chat.retry} />}
        <Composer
          status={chat.status}
          canRegenerate={!busy && last?.role === "assistant"}
          inputRef={messageBox}
          onSend={sendUnseeded}
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

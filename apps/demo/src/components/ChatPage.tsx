import { useChat } from "@parley/react";
import { useCallback, useMemo, useState } from "react";
import { type ChatSettings, defaultSettings, settingsToParams, settingsToTools } from "../lib/chatSettings";
import { client } from "../lib/demoClient";
import { Composer } from "./Composer";
import { ErrorNotice } from "./ErrorNotice";
import { SettingsPanel } from "./SettingsPanel";
import { StreamView } from "./StreamView";
import { Transcript } from "./Transcript";

export function ChatPage() {
  const [settings, setSettings] = useState<ChatSettings>(defaultSettings);
  const params = useMemo(() => settingsToParams(settings), [settings]);
  const tools = useMemo(() => settingsToTools(settings), [settings]);
  const chat = useChat({
    client,
    model: settings.model,
    system: settings.system.trim() || undefined,
    params,
    tools,
  });
  const busy = chat.status === "submitted" || chat.status === "streaming";
  const { regenerate } = chat;
  const regenerateLast = useCallback(() => regenerate(), [regenerate]);
  const last = chat.messages.at(-1);

  return (
    <div className="chat-page">
      <section className="chat-main" aria-label="Chat">
        <Transcript messages={chat.messages} busy={busy} onEdit={chat.edit} onSuggestion={chat.send} />
        {chat.error && <ErrorNotice error={chat.error} onRetry={chat.retry} />}
        <Composer
          status={chat.status}
          canRegenerate={!busy && last?.role === "assistant"}
          onSend={chat.send}
          onStop={chat.stop}
          onRegenerate={regenerateLast}
        />
      </section>
      <aside className="chat-side">
        <SettingsPanel settings={settings} onChange={setSettings} onNewChat={chat.reset} busy={busy} />
        <StreamView />
      </aside>
    </div>
  );
}

import { memo } from "react";
import { type ChatSettings, MAX_STOP_SEQUENCES, MODELS } from "../lib/chatSettings";
import { useFoldOnNarrow } from "../lib/useFoldOnNarrow";

interface SettingsPanelProps {
  settings: ChatSettings;
  onChange(settings: ChatSettings): void;
  onNewChat(): void;
  busy: boolean;
}

/**
 * Model, system message and sampling parameters; each change applies to the next request. Memoised: it
 * need not render again for every streamed token.
 */
export const SettingsPanel = memo(function SettingsPanel({
  settings,
  onChange,
  onNewChat,
  busy,
}: SettingsPanelProps) {
  const set = <K extends keyof ChatSettings>(key: K, value: ChatSettings[K]) =>
    onChange({ ...settings, [key]: value });
  const fold = useFoldOnNarrow();
  return (
    <details className="panel settings" {...fold}>
      <summary>Settings</summary>
      <div className="fields">
        <label className="field">
          <span>Model</span>
          <input
            list="models"
            value={settings.model}
            onChange={(event) => set("model", event.target.value)}
            spellCheck={false}
          />
          <datalist id="models">
            {MODELS.map((model) => (
              <option key={model} value={model} />
            ))}
          </datalist>
        </label>
        <label className="field">
          <span>System message</span>
          <textarea
            rows={3}
            value={settings.system}
            onChange={(event) => set("system", event.target.value)}
          />
        </label>
        <label className="field">
          <span>
            Temperature <output aria-hidden="true">{settings.temperature.toFixed(1)}</output>
          </span>
          <input
            aria-label="Temperature"
            type="range"
            min={0}
            max={1}
            step={0.1}
            value={settings.temperature}
            onChange={(event) => set("temperature", Number(event.target.value))}
          />
        </label>
        <label className="field">
          <span>Max tokens</span>
          <input
            type="number"
            min={1}
            inputMode="numeric"
            placeholder="model default"
            value={settings.maxTokens}
            onChange={(event) => set("maxTokens", event.target.value)}
          />
        </label>
        <label className="field">
          <span>Stop sequences</span>
          <textarea
            rows={2}
            placeholder={`one per line, up to ${MAX_STOP_SEQUENCES}`}
            value={settings.stopSequences}
            onChange={(event) => set("stopSequences", event.target.value)}
          />
        </label>
        <fieldset className="toggles">
          <legend>Features</legend>
          <label>
            <input
              type="checkbox"
              checked={settings.tools}
              onChange={(event) => set("tools", event.target.checked)}
            />
            Tools (clock, calculator)
          </label>
          <label>
            <input
              type="checkbox"
              checked={settings.documents}
              onChange={(event) => set("documents", event.target.checked)}
            />
            Documents (cited)
          </label>
          <label>
            <input
              type="checkbox"
              checked={settings.thinking}
              onChange={(event) => set("thinking", event.target.checked)}
            />
            Thinking (reasoning models)
          </label>
        </fieldset>
        <button type="button" className="secondary" onClick={onNewChat} disabled={busy}>
          New chat
        </button>
      </div>
    </details>
  );
});

import type { ChatParams, ChatTool } from "@parley/core";
import { demoTools } from "../tools/demoTools";
import { knowledgeBase } from "./knowledgeBase";

/** Everything the settings panel edits, as the form holds it. */
export interface ChatSettings {
  model: string;
  system: string;
  temperature: number;
  /** Blank means the model's own limit. */
  maxTokens: string;
  /** One sequence per line. */
  stopSequences: string;
  tools: boolean;
  documents: boolean;
  thinking: boolean;
}

export const MODELS = [
  "command-a-03-2025",
  "command-a-reasoning-08-2025",
  "command-r-plus-08-2024",
  "command-r7b-12-2024",
] as const;

export const defaultSettings: ChatSettings = {
  model: MODELS[0],
  system: "You are a helpful assistant. Answer clearly and cite your sources.",
  temperature: 0.3,
  maxTokens: "",
  stopSequences: "",
  tools: true,
  documents: true,
  thinking: false,
};

/** At most this many stop sequences, as the API allows. */
export const MAX_STOP_SEQUENCES = 5;

/** The request fields these settings stand for; blank fields are left out so the API's defaults apply. */
export function settingsToParams(settings: ChatSettings): ChatParams {
  const params: ChatParams = { temperature: settings.temperature };
  const maxTokens = Number.parseInt(settings.maxTokens, 10);
  if (Number.isInteger(maxTokens) && maxTokens > 0) params.max_tokens = maxTokens;
  // Lines are kept as typed (a stop sequence may start with a space); only blank lines are dropped.
  const stops = settings.stopSequences
    .split("\n")
    .filter((line) => line.trim() !== "")
    .slice(0, MAX_STOP_SEQUENCES);
  if (stops.length > 0) params.stop_sequences = stops;
  if (settings.documents) params.documents = knowledgeBase;
  if (settings.thinking) params.thinking = { type: "enabled" };
  return params;
}

export function settingsToTools(settings: ChatSettings): Record<string, ChatTool> {
  return settings.tools ? demoTools : {};
}

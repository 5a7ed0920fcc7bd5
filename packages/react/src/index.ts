export type { UseChatResult } from "./useChat";
export { useChat } from "./useChat";
export { useChatMessage, useChatMessageIds, useChatSelector, useChatStatus } from "./useChatSelector";

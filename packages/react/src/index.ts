export type { UseChatResult } from "./useChat";
export { useChat } from "./useChat";
export type { UseChatObjectOptions, UseChatObjectResult } from "./useChatObject";
export { useChatObject } from "./useChatObject";
export { useChatMessage, useChatMessageIds, useChatSelector, useChatStatus } from "./useChatSelector";

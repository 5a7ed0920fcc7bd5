import { afterEach, beforeEach, expect, it, vi } from "vitest";
import { chatServer, textReply } from "../test/chatServer";
import { createChat } from "./createChat";

// If the store touched React anywhere, this empty module would break it.
vi.mock("react", () => ({}));

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

it("the chat store runs a whole conversation without React", async () => {
  const server = chatServer();
  const chat = createChat({ client: server.client, model: "m" });
  const sent = chat.send("Hi");
  await vi.advanceTimersByTimeAsync(0);
  server.requests[0]!.send(...textReply(["Hello"]));
  server.requests[0]!.done();
  await sent;
  expect(chat.getSnapshot()).toMatchObject({
    status: "ready",
    messages: [{ role: "user" }, { role: "assistant", status: "complete" }],
  });
});

import { type Chat, type ChatMessage, type ChatOptions, createChat, messageText } from "@parley/core";
import { act, render, screen } from "@testing-library/react";
import { memo, StrictMode } from "react";
import { renderToString } from "react-dom/server";
import { beforeEach, describe, expect, it, vi } from "vitest";
import {
  assistant,
  failed,
  MODEL,
  replayClient,
  sequenceClient,
  streamed,
  textEvents,
  toolCallEvents,
  user,
} from "./test/cassettes";
import { advance, advanceByMs, fakeTimersEachTest } from "./test/fakeTime";
import { type UseChatResult, useChat } from "./useChat";
import { useChatMessage, useChatMessageIds, useChatStatus } from "./useChatSelector";

fakeTimersEachTest();

let api: UseChatResult;
let renders = 0;

function ChatView({ source }: { source: ChatOptions | UseChatResult["chat"] }) {
  api = useChat(source);
  renders++;
  return (
    <div>
      <p data-testid="status">{api.status}</p>
      <ul>
        {api.messages.map((m) => (
          <li key={m.id}>
            {m.role}:{messageText(m)}
            {m.role === "assistant" ? `[${m.status}]` : ""}
          </li>
        ))}
      </ul>
    </div>
  );
}

function SharedStatus({ options }: { options: ChatOptions }) {
  const { status } = useChat(options);
  return <span>{status}</span>;
}

// memo: a message re-renders for its own store updates, not because the list did.
const Message = memo(function Message({
  chat,
  id,
  counts,
}: {
  chat: Chat;
  id: string;
  counts: Map<string, number>;
}) {
  const message = useChatMessage(chat, id);
  counts.set(id, (counts.get(id) ?? 0) + 1);
  return <li>{messageText(message)}</li>;
});

let listRenders = 0;
function List({ chat, counts }: { chat: Chat; counts: Map<string, number> }) {
  const ids = useChatMessageIds(chat);
  const state = useChatStatus(chat);
  listRenders++;
  return (
    <ul data-status={state}>
      {ids.map((id) => (
        <Message key={id} chat={chat} id={id} counts={counts} />
      ))}
    </ul>
  );
}

const transcript = () => screen.queryAllByRole("listitem").map((li) => li.textContent);
const status = () => screen.getByTestId("status").textContent;

beforeEach(() => {
  renders = 0;
});

describe("useChat", () => {
  it("streams a reply into the rendered messages", async () => {
    const { client } = replayClient([streamed([user("Hi")], textEvents(["Hel", "lo"]), { everyMs: 20 })]);
    render(<ChatView source={{ client, model: MODEL }} />);
    expect(status()).toBe("ready");
    await act(async () => void api.send("Hi"));
    expect(transcript()).toEqual(["user:Hi"]);
    expect(status()).toBe("submitted");
    await advance(60);
    expect(transcript()).toEqual(["user:Hi", "assistant:Hel[streaming]"]);
    expect(status()).toBe("streaming");
    await advance(200);
    expect(transcript()).toEqual(["user:Hi", "assistant:Hello[complete]"]);
    expect(status()).toBe("ready");
  });

  it("sends one request per send under StrictMode, and keeps the store across its double effects", async () => {
    const { client, signals } = replayClient([streamed([user("Hi")], textEvents(["ok"]))]);
    render(
      <StrictMode>
        <ChatView source={{ client, model: MODEL }} />
      </StrictMode>,
    );
    await act(async () => void api.send("Hi"));
    await advance(50);
    expect(signals).toHaveLength(1);
    expect(signals[0]!.aborted).toBe(false);
    expect(transcript()).toEqual(["user:Hi", "assistant:ok[complete]"]);
  });

  describe("stop", () => {
    it("before the response: ready at once, the request aborted, the user turn kept", async () => {
      const { client, signals } = replayClient([streamed([user("Hi")], textEvents(["ok"]))], {
        delayMs: 100,
      });
      render(<ChatView source={{ client, model: MODEL }} />);
      await act(async () => void api.send("Hi"));
      await advance(10);
      act(() => api.stop());
      expect(status()).toBe("ready");
      expect(signals[0]!.aborted).toBe(true);
      await advance(500);
      expect(transcript()).toEqual(["user:Hi"]);
    });

    it("mid-stream: keeps the partial reply, marked stopped", async () => {
      const { client, signals } = replayClient([
        streamed([user("Hi")], textEvents(["a", "b", "c", "d"]), { everyMs: 50 }),
      ]);
      render(<ChatView source={{ client, model: MODEL }} />);
      await act(async () => void api.send("Hi"));
      // Reads at 50 (start), 100 (block), 150 ("a"), 200 ("b"), 250 ("c") ms.
      await advance(220);
      act(() => api.stop());
      expect(status()).toBe("ready");
      expect(signals[0]!.aborted).toBe(true);
      await advance(500);
      expect(transcript()).toEqual(["user:Hi", "assistant:ab[stopped]"]);
    });

    it("during a tool call: aborts the tool and sends nothing more", async () => {
      let toolSignal: AbortSignal | undefined;
      const execute = vi.fn((_args: unknown, context: { signal: AbortSignal }) => {
        toolSignal = context.signal;
        return new Promise(() => {});
      });
      const tools = [
        { type: "function", function: { name: "lookup", parameters: { type: "object", properties: {} } } },
      ];
      const { client, signals } = replayClient([
        streamed([user("Find")], toolCallEvents("call_1", "lookup", "{}"), { tools }),
      ]);
      render(<ChatView source={{ client, model: MODEL, tools: { lookup: { execute } } }} />);
      await act(async () => void api.send("Find"));
      await advance(50);
      expect(execute).toHaveBeenCalledOnce();
      expect(status()).toBe("streaming");
      act(() => api.stop());
      expect(status()).toBe("ready");
      expect(toolSignal?.aborted).toBe(true);
      await advance(100);
      expect(signals).toHaveLength(1);
      expect(transcript()).toEqual(["user:Find", "assistant:[stopped]"]);
    });
  });

  describe("a second send while streaming", () => {
    const cassette = () => [
      streamed([user("One")], textEvents(["1", "1"]), { everyMs: 20 }),
      streamed([user("One"), assistant("11"), user("Two")], textEvents(["2"])),
      streamed([user("One"), assistant("1"), user("Two")], textEvents(["2"])),
    ];

    it("reject: the second send fails with a clear error and the transcript is untouched", async () => {
      const { client, signals } = replayClient(cassette());
      render(<ChatView source={{ client, model: MODEL }} />);
      await act(async () => void api.send("One"));
      await advance(50);
      await expect(api.send("Two")).rejects.toThrow(/busy policy "reject"/);
      await advance(200);
      expect(signals).toHaveLength(1);
      expect(transcript()).toEqual(["user:One", "assistant:11[complete]"]);
    });

    it("queue: the second turn waits, then goes", async () => {
      const { client, signals } = replayClient(cassette());
      render(<ChatView source={{ client, model: MODEL, busy: "queue" }} />);
      await act(async () => void api.send("One"));
      await advance(50);
      await act(async () => void api.send("Two"));
      expect(api.queued.map(messageText)).toEqual(["Two"]);
      await advance(300);
      expect(signals).toHaveLength(2);
      expect(transcript()).toEqual([
        "user:One",
        "assistant:11[complete]",
        "user:Two",
        "assistant:2[complete]",
      ]);
    });

    it("interrupt: the first reply stops where it is and the second turn goes at once", async () => {
      const { client, signals } = replayClient(cassette());
      render(<ChatView source={{ client, model: MODEL, busy: "interrupt" }} />);
      await act(async () => void api.send("One"));
      await advance(65);
      await act(async () => void api.send("Two"));
      expect(signals[0]!.aborted).toBe(true);
      await advance(300);
      expect(transcript()).toEqual(["user:One", "assistant:1[stopped]", "user:Two", "assistant:2[complete]"]);
    });
  });

  it("edit, regenerate and retry without duplicating turns", async () => {
    const { client, signals } = sequenceClient([
      streamed([user("One")], textEvents(["1"])),
      failed([user("Uno")], 500, "overloaded"),
      streamed([user("Uno")], textEvents(["uno"])),
      streamed([user("Uno")], textEvents(["uno!"])),
    ]);
    render(<ChatView source={{ client, model: MODEL }} />);
    await act(async () => void api.send("One"));
    await advance(50);
    const firstId = api.messages[0]!.id;

    await act(async () => void api.edit(firstId, "Uno"));
    await advance(50);
    expect(status()).toBe("error");
    expect(api.error?.message).toContain("overloaded");
    expect(transcript()).toEqual(["user:Uno"]);

    await act(async () => void api.retry());
    await advance(50);
    expect(transcript()).toEqual(["user:Uno", "assistant:uno[complete]"]);

    await act(async () => void api.regenerate());
    await advance(50);
    expect(transcript()).toEqual(["user:Uno", "assistant:uno![complete]"]);
    expect(api.messages[0]!.id).toBe(firstId);
    expect(signals).toHaveLength(4);
  });

  it("runs the tool loop: execute, send the result, stream the answer", async () => {
    const tools = [
      { type: "function", function: { name: "lookup", parameters: { type: "object", properties: {} } } },
    ];
    const call: ChatMessage = {
      role: "assistant",
      tool_plan: "Let me check.",
      tool_calls: [{ id: "call_1", type: "function", function: { name: "lookup", arguments: "{}" } }],
    };
    const { client } = replayClient([
      streamed([user("Find")], toolCallEvents("call_1", "lookup", "{}"), { tools }),
      streamed(
        [user("Find"), call, { role: "tool", tool_call_id: "call_1", content: "found it" }],
        textEvents(["Found."]),
        { tools },
      ),
    ]);
    render(<ChatView source={{ client, model: MODEL, tools: { lookup: { execute: () => "found it" } } }} />);
    await act(async () => void api.send("Find"));
    await advance(100);
    expect(transcript()).toEqual([
      "user:Find",
      "assistant:[complete]",
      "tool:found it",
      "assistant:Found.[complete]",
    ]);
  });

  it("reports a dropped connection as an error the user can retry", async () => {
    const { client } = replayClient([
      streamed([user("Hi")], textEvents(["Hal", "f"]).slice(0, 3), { cut: true }),
    ]);
    const onFinish = vi.fn();
    render(<ChatView source={{ client, model: MODEL, onFinish }} />);
    await act(async () => void api.send("Hi"));
    await advance(50);
    expect(status()).toBe("error");
    expect(transcript()).toEqual(["user:Hi", "assistant:Hal[disconnected]"]);
    expect(onFinish.mock.calls[0]![1]).toMatchObject({ reason: "disconnected" });
  });

  it("aborts the request when the last owner unmounts, not before", async () => {
    const { client, signals } = replayClient([
      streamed([user("Hi")], textEvents(["a", "b", "c"]), { everyMs: 50 }),
    ]);
    const options = { client, model: MODEL, id: "shared-chat" };
    const view = render(
      <>
        <ChatView source={options} />
        <SharedStatus options={options} />
      </>,
    );
    await act(async () => void api.send("Hi"));
    await advance(170);
    // Both components show the same store.
    expect(screen.getAllByText("streaming")).toHaveLength(2);
    view.rerender(<SharedStatus options={options} />);
    await advance(1);
    expect(signals[0]!.aborted).toBe(false);
    view.unmount();
    await advance(1);
    expect(signals[0]!.aborted).toBe(true);
  });

  it("switches to another chat when the id changes, and releases the one it left", async () => {
    const { client, signals } = replayClient([
      streamed([user("Hi")], textEvents(["a", "b", "c"]), { everyMs: 50 }),
    ]);
    const view = render(<ChatView source={{ client, model: MODEL, id: "chat-a" }} />);
    await act(async () => void api.send("Hi"));
    await advance(60);
    expect(api.chat.id).toBe("chat-a");
    view.rerender(<ChatView source={{ client, model: MODEL, id: "chat-b" }} />);
    await advance(1);
    expect(api.chat.id).toBe("chat-b");
    expect(api.messages).toEqual([]);
    expect(signals[0]!.aborted).toBe(true); // chat-a had no other owner
    view.unmount();
  });

  it("does not stop a store it was given when it unmounts", async () => {
    const { client, signals } = replayClient([
      streamed([user("Hi")], textEvents(["a", "b"]), { everyMs: 50 }),
    ]);
    const chat = createChat({ client, model: MODEL });
    const view = render(<ChatView source={chat} />);
    await act(async () => void api.send("Hi"));
    await advance(80);
    view.unmount();
    await advance(500);
    expect(signals[0]!.aborted).toBe(false);
    expect(messageText(chat.getSnapshot().messages[1])).toBe("ab");
  });

  it("uses the options of the latest render for the next request", async () => {
    const { client } = replayClient([
      streamed([{ role: "system", content: "Be brief." }, user("Hi")], textEvents(["ok"])),
    ]);
    const view = render(<ChatView source={{ client, model: MODEL, system: "Be long." }} />);
    view.rerender(<ChatView source={{ client, model: MODEL, system: "Be brief." }} />);
    await act(async () => void api.send("Hi"));
    await advance(50);
    expect(transcript()).toEqual(["user:Hi", "assistant:ok[complete]"]);
  });

  it("renders on the server with the store's messages", () => {
    const { client } = replayClient([]);
    const html = renderToString(
      <ChatView source={{ client, model: MODEL, messages: [{ role: "user", content: "Saved" }] }} />,
    );
    expect(html).toContain("<li>user<!-- -->:<!-- -->Saved</li>");
  });
});

describe("rendering cost", () => {
  it("a 2,000-token stream, one token per read a millisecond apart, renders at most once per 1/60 s", async () => {
    const tokens = Array.from({ length: 2000 }, (_, i) => `t${i} `);
    const { client } = replayClient([streamed([user("Go")], textEvents(tokens), { everyMs: 1 })]);
    render(<ChatView source={{ client, model: MODEL }} />);
    let endedAt = 0;
    api.chat.subscribe(() => {
      if (api.chat.getSnapshot().status === "ready") endedAt = Date.now();
    });
    const before = renders;
    const startedAt = Date.now();
    await act(async () => void api.send("Go"));
    while (api.status !== "ready") await advanceByMs(100);
    const count = renders - before;
    expect(messageText(api.messages[1])).toBe(tokens.join(""));
    // 2,000 tokens plus the framing events, one read each a millisecond apart: about 2 s from send to ready.
    const duration = endedAt - startedAt;
    expect(duration).toBeGreaterThanOrEqual(2000);
    // Every render counted: submitted, first token, the throttled updates and ready (120 here; AI SDK: 2,003).
    expect(count).toBeLessThanOrEqual(Math.floor(duration / (1000 / 60)));
    expect(count).toBeGreaterThan(100);
  });

  it("with selector hooks, only the streaming message re-renders", async () => {
    const { client } = replayClient([
      streamed([user("One"), assistant("1"), user("Two")], textEvents(["a", "b", "c"]), { everyMs: 20 }),
    ]);
    const chat = createChat({ client, model: MODEL, messages: [user("One"), assistant("1")] });
    const messageRenders = new Map<string, number>();
    listRenders = 0;
    render(<List chat={chat} counts={messageRenders} />);
    await act(async () => void chat.send("Two"));
    await advanceByMs(300);
    const [first, second, , reply] = chat.getSnapshot().messages.map((m) => m.id);
    expect(messageText(chat.getSnapshot().messages[3])).toBe("abc");
    expect(messageRenders.get(first!)).toBe(1);
    expect(messageRenders.get(second!)).toBe(1);
    expect(messageRenders.get(reply!)).toBeGreaterThanOrEqual(3);
    // The list re-renders for new messages and status changes only: submitted, streaming (+ reply), ready.
    expect(listRenders).toBeLessThanOrEqual(5);
  });
});

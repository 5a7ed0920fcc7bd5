import type { ChatStream, ClientV2, Schema } from "@parley/core";
import { act, renderHook } from "@testing-library/react";
import { expect, it } from "vitest";
import { useChatObject } from "./useChatObject";

/** A stream of one text reply in `pieces`; it stays open after them while `hold` is pending. */
function fakeStream(pieces: string[], hold?: Promise<void>): ChatStream {
  const events = [
    { type: "content-start", index: 0, delta: { message: { content: { type: "text", text: "" } } } },
    ...pieces.map((text) => ({ type: "content-delta", index: 0, delta: { message: { content: { text } } } })),
  ];
  const text = pieces.join("");
  return {
    async *[Symbol.asyncIterator]() {
      for (const event of events) yield event;
      await hold;
    },
    finalResponse: async () => ({
      id: "r",
      finish_reason: "COMPLETE",
      message: { role: "assistant", content: [{ type: "text", text }] },
    }),
  } as unknown as ChatStream;
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

it("a submit replaced while its reply is still being validated leaves the newer submit's state and request alone", async () => {
  let releaseValidation!: () => void;
  const validating = new Promise<void>((resolve) => {
    releaseValidation = resolve;
  });
  const signals: AbortSignal[] = [];
  const client: Pick<ClientV2, "chatStream"> = {
    chatStream: async (_request, options) => {
      signals.push(options?.signal as AbortSignal);
      return signals.length === 1
        ? fakeStream(['{"title":"first"}'])
        : fakeStream(['{"title":"sec', 'ond"'], new Promise(() => {}));
    },
  };
  // Validation that takes its time, as an async refinement does.
  const schema: Schema<{ title: string }> = {
    "~standard": {
      version: 1,
      vendor: "test",
      validate: async (value) => {
        await validating;
        return { value: value as { title: string } };
      },
      jsonSchema: { input: () => ({ type: "object" }) },
    },
  };
  const { result } = renderHook(() => useChatObject({ client, model: "m", schema }));
  let first!: Promise<void>;
  await act(async () => {
    first = result.current.submit("first");
    await settle();
  });
  await act(async () => {
    void result.current.submit("second");
    await settle();
  });
  await act(async () => {
    releaseValidation();
    await first;
    await settle();
  });
  // The first submit's late result neither ends the second nor mixes into its state.
  expect(result.current.status).toBe("streaming");
  expect(result.current.object).toEqual({ title: "second" });
  expect(result.current.finalObject).toBeUndefined();
  act(() => result.current.stop());
  expect(signals[1]?.aborted).toBe(true);
});

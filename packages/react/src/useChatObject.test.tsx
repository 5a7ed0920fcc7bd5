import type { Interaction } from "@parley/conformance";
import { type ChatMessage, ObjectValidationError, type Schema, type StreamEvent } from "@parley/core";
import { act, render, screen } from "@testing-library/react";
import { StrictMode } from "react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { MODEL, replayClient, user } from "./test/cassettes";
import { advance, advanceByMs, fakeTimersEachTest } from "./test/fakeTime";
import { type UseChatObjectOptions, type UseChatObjectResult, useChatObject } from "./useChatObject";

fakeTimersEachTest();

interface Recipe {
  title: string;
  minutes: number;
}

/** A Standard Schema written by hand (what zod, arktype and valibot implement): `{ title: string, minutes: number }`. */
const recipeSchema: Schema<Recipe> = {
  "~standard": {
    version: 1,
    vendor: "test",
    validate(value) {
      const issues = [];
      const object = (value ?? {}) as Record<string, unknown>;
      if (typeof object.title !== "string") issues.push({ message: "must be a string", path: ["title"] });
      if (typeof object.minutes !== "number") issues.push({ message: "must be a number", path: ["minutes"] });
      return issues.length > 0 ? { issues } : { value: value as Recipe };
    },
    jsonSchema: {
      input: () => ({
        type: "object",
        properties: { title: { type: "string" }, minutes: { type: "number" } },
        required: ["title", "minutes"],
      }),
    },
  },
};

/** The structured reply to `messages`, its JSON streamed in `pieces`, one network read per event `everyMs` apart. */
function objectReply(messages: ChatMessage[], pieces: string[], everyMs = 10): Interaction {
  const events: StreamEvent[] = [
    { type: "message-start", id: "r1", delta: { message: { role: "assistant" } } },
    { type: "content-start", index: 0, delta: { message: { content: { type: "text", text: "" } } } },
    ...pieces.map(
      (text): StreamEvent => ({ type: "content-delta", index: 0, delta: { message: { content: { text } } } }),
    ),
    { type: "content-end", index: 0 },
    { type: "message-end", delta: { finish_reason: "COMPLETE" } },
  ];
  const chunks = [
    ...events.map((event) => `event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`),
    "data: [DONE]\n\n",
  ];
  const json_schema = recipeSchema["~standard"].jsonSchema.input({ target: "draft-2020-12" });
  return {
    request: {
      method: "POST",
      path: "/v2/chat",
      body: JSON.parse(
        JSON.stringify({
          model: MODEL,
          messages,
          response_format: { type: "json_object", json_schema },
          stream: true,
        }),
      ),
    },
    response: {
      status: 200,
      headers: { "content-type": "text/event-stream" },
      chunks,
      pacing: chunks.map((_, i) => (i + 1) * everyMs),
    },
  };
}

let api: UseChatObjectResult<Recipe>;
const seen: string[] = [];

function RecipeView(props: Omit<UseChatObjectOptions<typeof recipeSchema>, "schema" | "model">) {
  api = useChatObject({ ...props, model: MODEL, schema: recipeSchema });
  const line = `${api.status}:${JSON.stringify(api.object) ?? "-"}`;
  if (seen.at(-1) !== line) seen.push(line);
  return (
    <div>
      <p data-testid="status">{api.status}</p>
      <p data-testid="title">{api.object?.title}</p>
    </div>
  );
}

/** A schema that turns minutes into a duration label: the JSON and the validated object differ in shape. */
const labelled: Schema<Recipe, { title: string; label: string }> = {
  "~standard": {
    version: 1,
    vendor: "test",
    jsonSchema: recipeSchema["~standard"].jsonSchema,
    validate: (value) => {
      const recipe = value as Recipe;
      return { value: { title: recipe.title, label: `${recipe.minutes} min` } };
    },
  },
};

let labelledApi: UseChatObjectResult<{ title: string; label: string }, Recipe>;

function LabelledView({ client }: Pick<UseChatObjectOptions<typeof labelled>, "client">) {
  labelledApi = useChatObject({ client, model: MODEL, schema: labelled });
  return null;
}

beforeEach(() => {
  seen.length = 0;
});

describe("useChatObject", () => {
  it("renders the object as it streams, then the validated object", async () => {
    const { client } = replayClient([
      objectReply([user("Soup")], ['{"title": "So', 'up", "minutes": 2', "0}"]),
    ]);
    const onFinish = vi.fn();
    render(<RecipeView client={client} onFinish={onFinish} />);
    await act(async () => void api.submit("Soup"));
    await advanceByMs(100);
    expect(seen).toEqual([
      "ready:-",
      "submitted:-",
      'streaming:{"title":"So"}',
      'streaming:{"title":"Soup"}',
      // The closing brace completes the number: the last partial object, then the validated one.
      'streaming:{"title":"Soup","minutes":20}',
      'ready:{"title":"Soup","minutes":20}',
    ]);
    expect(screen.getByTestId("title").textContent).toBe("Soup");
    expect(api.finalObject).toEqual({ title: "Soup", minutes: 20 });
    expect(onFinish).toHaveBeenCalledWith({ object: { title: "Soup", minutes: 20 }, error: undefined });
  });

  it("keeps the JSON in object and gives the schema's output, transformed, in finalObject", async () => {
    const { client } = replayClient([objectReply([user("Soup")], ['{"title": "Soup", "minutes": 20}'])]);
    render(<LabelledView client={client} />);
    await act(async () => void labelledApi.submit("Soup"));
    await advance(100);
    expect(labelledApi.status).toBe("ready");
    expect(labelledApi.object).toEqual({ title: "Soup", minutes: 20 });
    expect(labelledApi.finalObject).toEqual({ title: "Soup", label: "20 min" });
  });

  it("ends in error with ObjectValidationError when the reply does not fit, keeping the last partial object", async () => {
    const { client } = replayClient([objectReply([user("Soup")], ['{"title": "Soup"}'])]);
    render(<RecipeView client={client} />);
    await act(async () => void api.submit("Soup"));
    await advance(200);
    expect(api.status).toBe("error");
    expect(api.error).toBeInstanceOf(ObjectValidationError);
    expect((api.error as ObjectValidationError).issues).toEqual([
      { message: "must be a number", path: ["minutes"] },
    ]);
    expect(api.object).toEqual({ title: "Soup" });
  });

  it("ends in error when the request fails", async () => {
    const { client } = replayClient([]);
    render(<RecipeView client={client} />);
    await act(async () => void api.submit("Soup"));
    await advance(50);
    expect(screen.getByTestId("status").textContent).toBe("error");
    expect(api.error?.message).toMatch(/404|no interaction|No cassette/i);
  });

  it("stop() aborts the request and keeps the partial object; unmounting aborts too", async () => {
    const { client, signals } = replayClient([
      objectReply([user("Soup")], ['{"title": "So', 'up", "minutes": 2', "0}"], 50),
    ]);
    const view = render(<RecipeView client={client} />);
    await act(async () => void api.submit("Soup"));
    await advance(170);
    expect(api.object).toEqual({ title: "So" });
    act(() => api.stop());
    expect(signals[0]!.aborted).toBe(true);
    await advance(300);
    expect(api.status).toBe("ready");
    expect(api.object).toEqual({ title: "So" });

    await act(async () => void api.submit("Soup"));
    await advance(10);
    view.unmount();
    expect(signals[1]!.aborted).toBe(true);
  });

  it("sends one request per submit under StrictMode, and a new submit replaces the one running", async () => {
    const { client, signals } = replayClient([
      objectReply([user("Soup")], ['{"title": "Soup", "minutes": 1}'], 30),
    ]);
    render(
      <StrictMode>
        <RecipeView client={client} />
      </StrictMode>,
    );
    await act(async () => void api.submit("Soup"));
    await advance(10);
    await act(async () => void api.submit("Soup"));
    await advance(300);
    expect(signals).toHaveLength(2);
    expect(signals[0]!.aborted).toBe(true);
    expect(api.status).toBe("ready");
    expect(api.object).toEqual({ title: "Soup", minutes: 1 });
  });
});

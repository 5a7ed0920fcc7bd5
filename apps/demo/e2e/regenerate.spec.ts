import type { Page } from "@playwright/test";
import { chat, expect, sendAndWait, test } from "./fixtures";

/** The bodies of the chat requests the page sends, in order. */
function recordChatRequests(page: Page): Array<{ seed?: unknown; messages: unknown[] }> {
  const bodies: Array<{ seed?: unknown; messages: unknown[] }> = [];
  page.on("request", (request) => {
    if (request.method() === "POST" && new URL(request.url()).pathname === "/v2/chat") {
      bodies.push(request.postDataJSON());
    }
  });
  return bodies;
}

/** Clicks Regenerate and waits for the new reply to start, then to end (`ready` alone holds before it starts). */
async function regenerateAndWait(page: Page): Promise<void> {
  const ui = chat(page);
  await ui.regenerate.click();
  await expect(ui.replies.last()).toHaveAttribute("aria-busy", "true");
  await expect(ui.status).toHaveAttribute("data-status", "ready", { timeout: 20_000 });
}

test("each Regenerate asks again with a new seed; a plain message sends none, even after a Regenerate", async ({
  page,
}) => {
  const ui = chat(page);
  const bodies = recordChatRequests(page);
  await page.goto("/");
  await page.getByRole("checkbox", { name: /Tools/ }).uncheck();

  await sendAndWait(page, "Say hello.");
  expect(bodies).toHaveLength(1);
  expect(bodies[0]).not.toHaveProperty("seed");

  await regenerateAndWait(page);
  await regenerateAndWait(page);
  expect(bodies).toHaveLength(3);
  const [first, second, third] = bodies.map((body) => body.seed);
  expect(first).toBeUndefined();
  expect(Number.isInteger(second)).toBe(true);
  expect(Number.isInteger(third)).toBe(true);
  expect(third).not.toBe(second);
  // The same question each time: Regenerate replaces the reply, it adds no turn.
  expect(bodies[1]?.messages).toEqual(bodies[0]?.messages);
  expect(bodies[2]?.messages).toEqual(bodies[0]?.messages);
  await expect(ui.replies).toHaveCount(1);
  // Regenerate disables itself while the reply streams; the focus waits in the Message box.
  await expect(ui.message).toBeFocused();

  // The seed belongs to the Regenerate that picked it: the next message is sampled as usual.
  await sendAndWait(page, "Say hello again.");
  expect(bodies).toHaveLength(4);
  expect(bodies[3]).not.toHaveProperty("seed");
  await regenerateAndWait(page);
  expect(bodies).toHaveLength(5);
  expect(Number.isInteger(bodies[4]?.seed)).toBe(true);
  expect(bodies[4]?.seed).not.toBe(third);
});

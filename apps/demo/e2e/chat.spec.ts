import { chat, expect, screenshot, sendAndWait, test } from "./fixtures";

test.beforeEach(async ({ page }) => {
  await page.goto("/");
  await expect(chat(page).message).toBeVisible();
});

test("a reply streams in: the text grows over several renders, then shows its finish reason and usage", async ({
  page,
}) => {
  const ui = chat(page);
  await ui.message.fill("Explain streaming in detail.");
  await ui.send.click();
  // Stop is live from the moment of sending, before any token has arrived.
  await expect(ui.stop).toBeEnabled();

  const reply = ui.replies.last().locator(".answer");
  const lengths: number[] = [];
  await expect
    .poll(
      async () => {
        const length = ((await reply.textContent()) ?? "").length;
        if (length > 0 && length !== lengths.at(-1)) lengths.push(length);
        return lengths.length;
      },
      { intervals: [40], timeout: 20_000 },
    )
    .toBeGreaterThanOrEqual(5);
  // Each render we saw held more text than the one before: the reply grew, it did not arrive at once.
  expect(lengths).toEqual([...lengths].sort((a, b) => a - b));

  await expect(ui.status).toHaveAttribute("data-status", "ready", { timeout: 20_000 });
  await expect(ui.stop).toBeDisabled();
  await expect(ui.replies.last()).toContainText("You wrote “Explain streaming in detail.”");
  await expect(ui.replies.last().locator(".finish")).toHaveText("Complete");
  await expect(ui.replies.last().locator(".usage")).toContainText(/\d+ in · \d+ out tokens/);

  const chart = page.getByRole("img", { name: /^Tokens over time/ });
  await expect(chart).toHaveAttribute("aria-label", /first token after \d+ ms, [\d.]+ tokens per second/);
  await screenshot(page, "chat");
});

test("Stop ends the reply at once: status back to ready, the partial text kept", async ({ page }) => {
  const ui = chat(page);
  await ui.message.fill("Explain streaming in detail.");
  await ui.send.click();
  const answer = ui.replies.last().locator(".answer");
  // Stop as soon as the first words show: the whole reply takes seconds at the simulated pace.
  await expect(answer).not.toBeEmpty({ timeout: 10_000 });

  await ui.stop.click();
  await expect(ui.status).toHaveAttribute("data-status", "ready");
  await expect(ui.stop).toBeDisabled();
  const kept = (await answer.textContent()) ?? "";
  expect(kept.length).toBeGreaterThan(0);
  await expect(ui.replies.last().locator(".finish")).toHaveText("Stopped");
  // Nothing more arrives after Stop: the request was aborted, not just hidden.
  await page.waitForTimeout(500);
  expect(await answer.textContent()).toBe(kept);
  await expect(page.getByText(/events · stopped/)).toBeVisible();
  await screenshot(page, "chat-stopped");
});

test("Regenerate replaces the last reply with a freshly streamed one", async ({ page }) => {
  const ui = chat(page);
  await sendAndWait(page, "Say hello.");
  await expect(ui.regenerate).toBeEnabled();

  await ui.regenerate.click();
  await expect(ui.stop).toBeEnabled();
  await expect(ui.replies.last()).toHaveAttribute("aria-busy", "true");
  await expect(ui.status).toHaveAttribute("data-status", "ready", { timeout: 20_000 });
  await expect(ui.replies).toHaveCount(1);
  await expect(ui.userTurns).toHaveCount(1);
  await expect(ui.replies.last()).toContainText("You wrote “Say hello.”");
});

test("editing the last user turn drops its reply and asks again", async ({ page }) => {
  const ui = chat(page);
  await sendAndWait(page, "What is my name?");
  await ui.userTurns.last().getByRole("button", { name: "Edit" }).click();
  const editor = page.getByRole("textbox", { name: "Edit message" });
  await editor.fill("My name is Zoë. What is my name?");
  await page.getByRole("button", { name: "Save and resend" }).click();

  await expect(ui.status).toHaveAttribute("data-status", "ready", { timeout: 20_000 });
  await expect(ui.userTurns).toHaveCount(1);
  await expect(ui.userTurns.last()).toContainText("My name is Zoë. What is my name?");
  await expect(ui.replies).toHaveCount(1);
  await expect(ui.replies.last()).toContainText("Zoë");
  await expect(ui.replies.last()).not.toContainText("You wrote “What is my name?”");
});

test("a tool call runs in the browser and the answer cites its result", async ({ page }) => {
  const ui = chat(page);
  await sendAndWait(page, "What time is it? Check the clock.");
  const call = page.getByRole("region", { name: "Tool call get_current_time" });
  await expect(call).toBeVisible();
  await expect(call).toHaveAttribute("data-state", "done");
  await expect(call.locator(".tool-result")).toContainText("time_zone");

  await expect(ui.replies).toHaveCount(2);
  await expect(ui.replies.first().locator(".finish")).toHaveText("Tool call");
  await expect(ui.replies.first().locator(".tool-plan")).toContainText("get_current_time");
  await expect(ui.replies.last()).toContainText("The get_current_time tool returned");
  await expect(ui.replies.last().getByRole("region", { name: "Sources" })).toContainText(
    "get_current_time: ",
  );
  await screenshot(page, "chat-tool-call");
});

test("citations mark the cited words and link to their sources", async ({ page }) => {
  const ui = chat(page);
  const reply = await sendAndWait(page, "What happens to a reply when I press Stop?");
  const marks = reply.locator(".cited mark");
  await expect(marks).toHaveCount(3);
  await expect(marks.first()).toHaveText(
    "Parley shows each token as it arrives and keeps the partial reply when you press Stop",
  );
  const sources = reply.getByRole("region", { name: "Sources" });
  await expect(sources.getByRole("listitem")).toHaveCount(3);
  await expect(sources).toContainText("Streaming in Parley");

  await reply.getByRole("link", { name: "Source 1" }).first().click();
  await expect(sources.getByRole("listitem").first()).toHaveCSS("background-color", /rgb/);
  expect(page.url()).toMatch(/-source-1$/);
  await expect(ui.status).toHaveAttribute("data-status", "ready");
});

test("settings reach the request: system message, max tokens and stop sequences", async ({ page }) => {
  const ui = chat(page);
  await page
    .getByRole("textbox", { name: "System message" })
    .fill("Always begin your reply with the word PINEAPPLE.");
  await page.getByRole("checkbox", { name: /Documents/ }).uncheck();
  let reply = await sendAndWait(page, "Hi there.");
  await expect(reply.locator(".answer")).toHaveText(/^PINEAPPLE/);

  await page.getByRole("spinbutton", { name: "Max tokens" }).fill("4");
  reply = await sendAndWait(page, "Hi again.");
  await expect(reply.locator(".finish")).toHaveText("Max tokens");
  await expect(reply.locator(".usage")).toContainText("4 out tokens");

  await page.getByRole("spinbutton", { name: "Max tokens" }).fill("");
  await page.getByRole("textbox", { name: "Stop sequences" }).fill("wrote");
  reply = await sendAndWait(page, "Once more.");
  await expect(reply.locator(".finish")).toHaveText("Stop sequence");
  await expect(reply.locator(".answer")).not.toContainText("wrote");
  await expect(ui.replies).toHaveCount(3);
});

test("thinking streams into a folded block", async ({ page }) => {
  await page.getByRole("checkbox", { name: /Thinking/ }).check();
  const reply = await sendAndWait(page, "Say hello.");
  const thinking = reply.locator("details.thinking");
  await expect(thinking).not.toHaveAttribute("open");
  await expect(thinking.locator("summary")).toContainText("Thought");
  await expect(thinking.locator("p")).toBeHidden();
  await thinking.locator("summary").click();
  await expect(thinking.locator("p")).toContainText("The user wrote");
  await screenshot(page, "chat-thinking");
});

test.describe("errors", () => {
  // The browser itself logs the 404 of the failed request; that line is expected here.
  test.use({ allowedConsoleErrors: [/Failed to load resource: the server responded with a status of 404/] });

  test("an error shows with a Retry button that repeats the request without a second user turn", async ({
    page,
  }) => {
    const ui = chat(page);
    const model = page.getByRole("combobox", { name: "Model" });
    await model.fill("no-such-model");
    await ui.message.fill("Hello?");
    await ui.send.click();
    const alert = page.getByRole("alert");
    await expect(alert).toContainText("NotFoundError");
    await expect(alert).toContainText("no-such-model");
    await expect(ui.status).toHaveAttribute("data-status", "error");
    await screenshot(page, "chat-error");

    await model.fill("command-a-03-2025");
    await alert.getByRole("button", { name: "Retry" }).click();
    await expect(ui.status).toHaveAttribute("data-status", "ready", { timeout: 20_000 });
    await expect(alert).toBeHidden();
    await expect(ui.userTurns).toHaveCount(1);
    await expect(ui.replies.last()).toContainText("You wrote “Hello?”");
  });
});

test.describe("at phone width, in dark mode", () => {
  test.use({ viewport: { width: 390, height: 844 }, colorScheme: "dark" });

  test("the chat stays usable", async ({ page }) => {
    const ui = chat(page);
    await screenshot(page, "chat-phone-empty");
    await sendAndWait(page, "What time is it? Check the clock.");
    await expect(ui.send).toBeInViewport();
    await expect(ui.stop).toBeInViewport();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, "chat-phone-dark");
  });
});

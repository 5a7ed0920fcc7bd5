import { test as base, expect, type Locator, type Page } from "@playwright/test";

export { expect };

/**
 * Every test fails on a console error or an uncaught exception in the page. A test that provokes an HTTP
 * error on purpose lists the browser's own "Failed to load resource" line it expects.
 */
export const test = base.extend<{ allowedConsoleErrors: RegExp[]; consoleErrors: string[] }>({
  allowedConsoleErrors: [[], { option: true }],
  consoleErrors: [
    async ({ page, allowedConsoleErrors }, use) => {
      const errors: string[] = [];
      page.on("console", (message) => {
        if (message.type() === "error" && !allowedConsoleErrors.some((re) => re.test(message.text()))) {
          errors.push(message.text());
        }
      });
      page.on("pageerror", (error) => errors.push(`uncaught: ${error.message}`));
      await use(errors);
      expect(errors, "console errors").toEqual([]);
    },
    { auto: true },
  ],
});

/** Screenshots land in apps/demo/screenshots/ (gitignored), one per page and state worth looking at. */
export function screenshot(page: Page, name: string): Promise<Buffer> {
  return page.screenshot({ path: `screenshots/${name}.png`, fullPage: true });
}

/**
 * The README's pictures, in apps/demo/docs/ (kept in git): what the page looks like on screen, so the viewport
 * only. Every e2e run writes them again, so they show the demo as it is.
 */
export function readmeScreenshot(
  page: Page,
  name: "chat-light" | "chat-dark" | "chat-phone" | "conformance",
) {
  return page.screenshot({ path: `docs/${name}.png` });
}

/** The polite live region of the page that shows (the chat's stays in the DOM, hidden, on the Conformance page). */
export const liveRegion = (page: Page) => page.locator("main:not([hidden])").getByTestId("live-region");

export const chat = (page: Page) => ({
  message: page.getByRole("textbox", { name: "Message", exact: true }),
  send: page.getByRole("button", { name: "Send", exact: true }),
  stop: page.getByRole("button", { name: "Stop", exact: true }),
  regenerate: page.getByRole("button", { name: "Regenerate", exact: true }),
  log: page.getByRole("log"),
  status: page.getByTestId("chat-status"),
  replies: page.getByRole("log").getByRole("article", { name: "Assistant" }),
  userTurns: page.getByRole("log").getByRole("article", { name: "You" }),
});

/** Types a message, sends it and waits until its reply (and any tool round trips) has ended. */
export async function sendAndWait(page: Page, text: string): Promise<Locator> {
  const ui = chat(page);
  await ui.message.fill(text);
  await ui.send.click();
  await expect(ui.status).toHaveAttribute("data-status", "ready", { timeout: 20_000 });
  return ui.replies.last();
}

/**
 * Sends `text` (with `send`: a click on Send unless given) and waits for the first words of the new reply. The new
 * one by position: until it exists, `replies.last()` is the reply before it, whose words are already there.
 */
export async function sendAndAwaitFirstWords(
  page: Page,
  text: string,
  send: (ui: ReturnType<typeof chat>) => Promise<void> = (ui) => ui.send.click(),
): Promise<Locator> {
  const ui = chat(page);
  const before = await ui.replies.count();
  await ui.message.fill(text);
  await send(ui);
  const reply = ui.replies.nth(before);
  await expect(reply.locator(".answer")).not.toBeEmpty({ timeout: 10_000 });
  return reply;
}

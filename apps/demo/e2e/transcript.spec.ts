import type { Locator } from "@playwright/test";
import { chat, expect, sendAndAwaitFirstWords, sendAndWait, test } from "./fixtures";

// Short enough that a long reply overflows the transcript.
test.use({ viewport: { width: 1280, height: 560 } });

/** Pixels between the bottom of what shows and the end of the transcript. */
const distanceFromBottom = (log: Locator) =>
  log.evaluate((element) => element.scrollHeight - element.scrollTop - element.clientHeight);

test("while a reply streams, the turns before it are left untouched in the page", async ({ page }) => {
  const ui = chat(page);
  await page.goto("/");
  await sendAndWait(page, "What happens to a reply when I press Stop?");
  // Count every change the browser makes inside the first question and its reply from now on.
  await ui.log.evaluate((log) => {
    const observer = new MutationObserver((records) => {
      (window as unknown as { mutations: number }).mutations += records.length;
    });
    (window as unknown as { mutations: number }).mutations = 0;
    for (const turn of [...log.querySelectorAll("article")].slice(0, 2))
      observer.observe(turn, { subtree: true, childList: true, characterData: true, attributes: true });
  });
  await ui.message.fill("Explain streaming in detail.");
  await ui.send.click();
  await expect(ui.replies.last()).toHaveAttribute("aria-busy", "true");
  await expect(ui.status).toHaveAttribute("data-status", "ready", { timeout: 20_000 });
  await expect(ui.replies).toHaveCount(2);
  // The Edit button moved to the new question, so the old one lost it: that is the one change expected.
  expect(await page.evaluate(() => (window as unknown as { mutations: number }).mutations)).toBe(1);
});

test("the newest text stays in view while it streams, unless the reader scrolls up; sending brings it back", async ({
  page,
}) => {
  const ui = chat(page);
  await page.goto("/");
  await sendAndWait(page, "Explain streaming in detail.");
  await sendAndAwaitFirstWords(page, "Explain streaming in detail, once more.");
  // Following the stream: the end of the transcript is in view as the text grows.
  for (let i = 0; i < 3; i++) {
    await page.waitForTimeout(300);
    expect(await distanceFromBottom(ui.log)).toBeLessThan(120);
  }

  // The reader scrolls up to read: the stream no longer pulls the view down.
  await ui.log.evaluate((element) => element.scrollTo({ top: 0 }));
  await page.waitForTimeout(600);
  await expect(ui.status).toHaveAttribute("data-status", "streaming");
  expect(await ui.log.evaluate((element) => element.scrollTop)).toBe(0);
  await expect(ui.status).toHaveAttribute("data-status", "ready", { timeout: 20_000 });
  expect(await ui.log.evaluate((element) => element.scrollTop)).toBe(0);

  // A new message of theirs brings the view back to the end, and it follows the reply again.
  await sendAndWait(page, "Say hello.");
  expect(await distanceFromBottom(ui.log)).toBeLessThan(120);
});

import type { Page } from "@playwright/test";
import { axeViolations } from "./axe";
import { chat, expect, readmeScreenshot, sendAndWait, test } from "./fixtures";

/** A common phone: 390 × 844 CSS px (iPhone 12 to 15), touch. */
test.use({ viewport: { width: 390, height: 844 }, hasTouch: true });

/** The smallest target a finger hits reliably (WCAG 2.5.5); the layout rounds to fractions of a pixel. */
const MIN_TARGET = 44;

/**
 * Every visible button, link, summary and checkbox shorter than {@link MIN_TARGET}; a checkbox is measured with
 * its label, since a tap on either toggles it.
 */
function smallTargets(page: Page): Promise<string[]> {
  return page.evaluate((min) => {
    const small: string[] = [];
    for (const element of document.querySelectorAll<HTMLElement>(
      'button, a[href], summary, input[type="checkbox"]',
    )) {
      const target = element.matches('input[type="checkbox"]')
        ? (element.closest("label") ?? element)
        : element;
      const box = target.getBoundingClientRect();
      if (box.width === 0 && box.height === 0) continue; // not shown (another page, a folded panel)
      if (box.height < min - 0.5) {
        const name = (element.getAttribute("aria-label") ?? target.textContent ?? "").trim().slice(0, 30);
        small.push(`${element.tagName.toLowerCase()} "${name}": ${box.height.toFixed(1)} px tall`);
      }
    }
    return small;
  }, MIN_TARGET);
}

/** How far the page scrolls sideways: 0 when it fits the screen. */
const sidewaysScroll = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

test.beforeEach(async ({ page }) => {
  await page.goto("/");
  await expect(chat(page).message).toBeVisible();
});

test("the settings and the stream view start folded away, and open on a tap; on a wide screen they start open", async ({
  page,
}) => {
  const settings = page.locator("details.settings");
  const stream = page.locator("details.stream-view");
  await expect(settings).not.toHaveAttribute("open");
  await expect(stream).not.toHaveAttribute("open");
  await expect(page.getByRole("combobox", { name: "Model" })).toBeHidden();

  await settings.locator("summary").tap();
  await expect(settings).toHaveAttribute("open");
  await expect(page.getByRole("combobox", { name: "Model" })).toBeVisible();
  // The choice holds while the page lives: a reply does not fold it again.
  await sendAndWait(page, "Say hello.");
  await expect(settings).toHaveAttribute("open");

  await page.setViewportSize({ width: 1280, height: 800 });
  await page.reload();
  await expect(page.locator("details.settings")).toHaveAttribute("open");
  await expect(page.locator("details.stream-view")).toHaveAttribute("open");
});

test("every button, link and checkbox (with its label) is at least 44 px tall", async ({ page }) => {
  const ui = chat(page);
  // The empty chat: suggestions, header, composer.
  expect(await smallTargets(page), "empty chat").toEqual([]);

  await page.locator("details.settings summary").tap();
  await page.getByRole("checkbox", { name: /Thinking/ }).check();
  await sendAndWait(page, "What time is it? Check the clock.");
  await sendAndWait(page, "What happens to a reply when I press Stop?");
  await expect(ui.replies.last().getByRole("link", { name: "Source 1" }).first()).toBeVisible();
  await page.locator("details.stream-view summary").tap();
  // Replies with thinking, tool calls, citation links, Edit, the settings and the stream view, all open.
  expect(await smallTargets(page), "chat with replies").toEqual([]);

  await ui.userTurns.last().getByRole("button", { name: "Edit" }).tap();
  expect(await smallTargets(page), "editing").toEqual([]);
  await page.getByRole("button", { name: "Cancel" }).tap();

  await page.getByRole("link", { name: "Conformance" }).tap();
  await expect(page.getByRole("button", { name: "Run suite" })).toBeVisible();
  expect(await smallTargets(page), "Conformance page").toEqual([]);
});

test("the status stays readable text, whole, while a reply streams and after it", async ({ page }) => {
  const ui = chat(page);
  const readable = async (text: string) => {
    await expect(ui.status).toHaveText(text);
    await expect(ui.status).toBeInViewport({ ratio: 1 });
    const { fontSize, clipped } = await ui.status.evaluate((element) => ({
      fontSize: Number.parseFloat(getComputedStyle(element).fontSize),
      clipped: element.scrollWidth > element.clientWidth,
    }));
    expect(fontSize).toBeGreaterThanOrEqual(12);
    expect(clipped).toBe(false);
  };
  await readable("Ready");
  await ui.message.fill("Explain streaming in detail.");
  await ui.send.tap();
  await expect(ui.replies.last().locator(".answer")).not.toBeEmpty({ timeout: 10_000 });
  await readable("Streaming…");
  await ui.stop.tap();
  await readable("Ready");
  await expect(ui.message).toBeFocused();
});

test.describe("sideways", () => {
  // The suite's error cases ask for 400s and 404s on purpose, and the browser logs each one.
  test.use({
    allowedConsoleErrors: [/Failed to load resource: the server responded with a status of 4\d\d/],
  });

  test("nothing scrolls sideways at 390 or 320 px, on either page", async ({ page }) => {
    const ui = chat(page);
    await sendAndWait(page, "What time is it? Check the clock.");
    await expect(ui.replies.first().getByRole("region", { name: /^Tool call/ })).toBeVisible();
    await readmeScreenshot(page, "chat-phone");
    await page.locator("details.settings summary").tap();
    await page.locator("details.stream-view summary").tap();
    expect(await sidewaysScroll(page), "chat at 390 px").toBeLessThanOrEqual(0);

    await page.setViewportSize({ width: 320, height: 640 });
    expect(await sidewaysScroll(page), "chat at 320 px").toBeLessThanOrEqual(0);

    await page.getByRole("link", { name: "Conformance" }).tap();
    await page.getByRole("button", { name: "Run suite" }).tap();
    await expect(page.getByRole("region", { name: "Suite summary" })).toBeVisible({ timeout: 90_000 });
    expect(await sidewaysScroll(page), "Conformance at 320 px").toBeLessThanOrEqual(0);
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await sidewaysScroll(page), "Conformance at 390 px").toBeLessThanOrEqual(0);
  });
});

test.describe("in the dark theme", () => {
  test.use({ colorScheme: "dark" });

  test("the phone layout has no serious or critical axe violations", async ({ page }) => {
    await sendAndWait(page, "What happens to a reply when I press Stop?");
    await page.locator("details.settings summary").tap();
    expect(await axeViolations(page)).toEqual([]);
  });
});

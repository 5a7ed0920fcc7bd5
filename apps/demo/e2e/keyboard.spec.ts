import type { Page } from "@playwright/test";
import { chat, expect, sendAndAwaitFirstWords, sendAndWait, test } from "./fixtures";

test.beforeEach(async ({ page }) => {
  await page.goto("/");
  await expect(chat(page).message).toBeVisible();
});

/** Sends a long question and waits for the first words of its reply, so there is a stream to stop. */
async function startLongReply(page: Page) {
  await sendAndAwaitFirstWords(page, "Explain streaming in detail.", (ui) => ui.message.press("Enter"));
  await expect(chat(page).status).toHaveAttribute("data-status", "streaming");
}

test("Escape stops a streaming reply from anywhere on the page and puts the focus back in the Message box", async ({
  page,
}) => {
  const ui = chat(page);
  await startLongReply(page);
  // The focus is elsewhere on the page: on a setting.
  await page.getByRole("slider", { name: "Temperature" }).focus();
  await page.keyboard.press("Escape");

  await expect(ui.status).toHaveAttribute("data-status", "ready");
  await expect(ui.replies.last().locator(".finish")).toHaveText("Stopped");
  await expect(ui.message).toBeFocused();

  // And once more with nothing focused at all.
  await startLongReply(page);
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.keyboard.press("Escape");
  await expect(ui.replies.last().locator(".finish")).toHaveText("Stopped");
  await expect(ui.message).toBeFocused();
});

test("after Stop by button the focus returns to the Message box, and typing goes on there", async ({
  page,
}) => {
  const ui = chat(page);
  await startLongReply(page);
  await ui.stop.click();
  await expect(ui.replies.last().locator(".finish")).toHaveText("Stopped");
  await expect(ui.message).toBeFocused();
  await page.keyboard.type("Thanks, that is enough.");
  await expect(ui.message).toHaveValue("Thanks, that is enough.");
});

test("Escape while another page shows does not stop the chat's reply", async ({ page }) => {
  const ui = chat(page);
  await startLongReply(page);
  await page.getByRole("link", { name: "Conformance" }).click();
  await expect(page.getByRole("heading", { name: "Conformance" })).toBeVisible();
  await page.keyboard.press("Escape");
  await page.getByRole("link", { name: "Chat" }).click();
  await expect(ui.status).toHaveAttribute("data-status", "ready", { timeout: 20_000 });
  await expect(ui.replies.last().locator(".finish")).toHaveText("Complete");
});

test("in the edit box Shift+Enter adds a line, Escape cancels, Enter saves and resends", async ({ page }) => {
  const ui = chat(page);
  await sendAndWait(page, "Say hello.");
  const edit = ui.userTurns.last().getByRole("button", { name: "Edit" });
  await edit.click();
  const editor = page.getByRole("textbox", { name: "Edit message" });
  await expect(editor).toBeFocused();
  await expect(editor).toHaveAccessibleDescription(/^Enter saves · Shift ?\+ ?Enter new line · Esc cancels$/);

  await page.keyboard.type(" And goodbye.");
  await page.keyboard.press("Shift+Enter");
  await page.keyboard.type("On two lines.");
  await expect(editor).toHaveValue("Say hello. And goodbye.\nOn two lines.");

  // Escape drops the edit: the turn is as it was, its reply kept, and the focus back on Edit.
  await page.keyboard.press("Escape");
  await expect(editor).toBeHidden();
  await expect(ui.userTurns.last().locator(".bubble")).toHaveText("Say hello.");
  await expect(ui.replies).toHaveCount(1);
  await expect(ui.status).toHaveAttribute("data-status", "ready");
  await expect(edit).toBeFocused();

  // Enter on the focused Edit button opens the editor again; Enter in the editor saves and resends.
  await page.keyboard.press("Enter");
  await expect(editor).toBeFocused();
  await page.keyboard.type(" Then count to three.");
  await page.keyboard.press("Shift+Enter");
  await page.keyboard.type("Please.");
  await page.keyboard.press("Enter");
  await expect(editor).toBeHidden();
  await expect(ui.userTurns).toHaveCount(1);
  await expect(ui.userTurns.last().locator(".bubble")).toHaveText("Say hello. Then count to three.\nPlease.");
  await expect(ui.status).toHaveAttribute("data-status", "ready", { timeout: 20_000 });
  await expect(ui.replies).toHaveCount(1);
  await expect(ui.replies.last()).toContainText("Then count to three.");
  await expect(ui.message).toBeFocused();
});

test("the shortcuts are listed on the page, and the Message box describes its own", async ({ page }) => {
  const ui = chat(page);
  const hint = page.locator(".composer .key-hint");
  await expect(hint).toBeVisible();
  await expect(hint).toHaveText("Enter sends · Shift+Enter new line · Esc stops the reply");
  await expect(ui.message).toHaveAccessibleDescription(
    /^Enter sends · Shift ?\+ ?Enter new line · Esc stops the reply$/,
  );
});

/** Tabs through the page once, from the top, and returns every stop whose focus does not show. */
async function stopsWithoutVisibleFocus(page: Page): Promise<{ stops: number; unseen: string[] }> {
  // A click on the header's empty corner moves the start of the tab order to the top of the page.
  await page.mouse.click(2, 2);
  const seen = new Set<string>();
  const unseen: string[] = [];
  for (let i = 0; i < 120; i++) {
    await page.keyboard.press("Tab");
    const stop = await page.evaluate(() => {
      const element = document.activeElement as HTMLElement | null;
      if (!element || element === document.body) return undefined;
      const style = getComputedStyle(element);
      const outline = style.outlineStyle !== "none" && Number.parseFloat(style.outlineWidth) >= 2;
      const name = (element.getAttribute("aria-label") ?? element.textContent ?? "").trim().slice(0, 40);
      const path = `${element.tagName.toLowerCase()}${element.id ? `#${element.id}` : ""} "${name}"`;
      // The same element twice means the tab order came round again.
      const key = `${path}@${Math.round(element.getBoundingClientRect().top)}`;
      return { key, path, visible: outline && element.matches(":focus-visible") };
    });
    if (!stop || seen.has(stop.key)) break;
    seen.add(stop.key);
    if (!stop.visible) unseen.push(stop.path);
  }
  return { stops: seen.size, unseen };
}

test("every stop of the tab order shows where the focus is, on both pages", async ({ page }) => {
  const ui = chat(page);
  await page.getByRole("checkbox", { name: /Thinking/ }).check();
  await sendAndWait(page, "What happens to a reply when I press Stop?");
  await expect(ui.replies.last().locator(".cited")).not.toHaveCount(0);
  let result = await stopsWithoutVisibleFocus(page);
  // Header links and switch, suggestions gone, Edit, thinking, citation links, composer, settings, stream view.
  expect(result.stops).toBeGreaterThan(20);
  expect(result.unseen).toEqual([]);

  await page.getByRole("link", { name: "Conformance" }).click();
  result = await stopsWithoutVisibleFocus(page);
  expect(result.stops).toBeGreaterThanOrEqual(6);
  expect(result.unseen).toEqual([]);
});

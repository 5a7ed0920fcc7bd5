/** The two colour themes of the demo; without a stored choice the page follows the system's. */
export type Theme = "light" | "dark";

/** Where the choice is kept, per origin. */
export const THEME_STORAGE_KEY = "parley-demo:theme";

type ReadStorage = Pick<Storage, "getItem">;
type WriteStorage = Pick<Storage, "setItem">;

/** The stored choice, or undefined when there is none, it is not a theme, or storage is unavailable. */
export function readStoredTheme(storage: ReadStorage | undefined): Theme | undefined {
  try {
    const value = storage?.getItem(THEME_STORAGE_KEY);
    return value === "light" || value === "dark" ? value : undefined;
  } catch {
    // Storage can throw when the browser blocks it (private windows, blocked site data).
    return undefined;
  }
}

/** Keeps the choice for the next visit; a browser that refuses still gets the theme for this visit. */
export function storeTheme(storage: WriteStorage | undefined, theme: Theme): void {
  try {
    storage?.setItem(THEME_STORAGE_KEY, theme);
  } catch {
    // Nothing to do: the choice holds until the page closes.
  }
}

/** The theme shown: the stored choice first, else the system's. */
export function resolveTheme(stored: Theme | undefined, systemPrefersDark: boolean): Theme {
  return stored ?? (systemPrefersDark ? "dark" : "light");
}

/**
 * Pins the page to a theme (`data-theme` sets `color-scheme`, which picks each colour's light or dark value),
 * or, given undefined, lets it follow the system again.
 */
export function applyTheme(root: HTMLElement, theme: Theme | undefined): void {
  if (theme) root.dataset.theme = theme;
  else delete root.dataset.theme;
}

/** `localStorage`, or undefined where merely touching it throws. */
export function browserStorage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}

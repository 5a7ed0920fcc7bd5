import { describe, expect, it } from "vitest";
import { readStoredTheme, resolveTheme, storeTheme, THEME_STORAGE_KEY } from "./theme";

function memoryStorage(initial: Record<string, string> = {}) {
  const items = new Map(Object.entries(initial));
  return {
    items,
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
  };
}

const throwing = {
  getItem: (): string | null => {
    throw new Error("SecurityError: storage is blocked");
  },
  setItem: () => {
    throw new Error("QuotaExceededError");
  },
};

describe("theme", () => {
  it("follows the system until a choice is stored", () => {
    expect(resolveTheme(readStoredTheme(memoryStorage()), true)).toBe("dark");
    expect(resolveTheme(readStoredTheme(memoryStorage()), false)).toBe("light");
  });

  it("a stored choice wins over the system's", () => {
    const storage = memoryStorage();
    storeTheme(storage, "light");
    expect(storage.items.get(THEME_STORAGE_KEY)).toBe("light");
    expect(resolveTheme(readStoredTheme(storage), true)).toBe("light");
    storeTheme(storage, "dark");
    expect(resolveTheme(readStoredTheme(storage), false)).toBe("dark");
  });

  it("ignores a stored value that is not a theme", () => {
    expect(readStoredTheme(memoryStorage({ [THEME_STORAGE_KEY]: "sepia" }))).toBeUndefined();
    expect(readStoredTheme(memoryStorage({ [THEME_STORAGE_KEY]: "" }))).toBeUndefined();
  });

  it("storage that throws or is missing reads as no choice, and writing to it does not throw", () => {
    expect(readStoredTheme(throwing)).toBeUndefined();
    expect(readStoredTheme(undefined)).toBeUndefined();
    expect(() => storeTheme(throwing, "dark")).not.toThrow();
  });
});

import { useLayoutEffect, useState } from "react";
import { applyTheme, browserStorage, readStoredTheme, resolveTheme, storeTheme, type Theme } from "./theme";
import { useMediaQuery } from "./useMediaQuery";

/** The theme shown and a way to choose one; the choice is remembered, and until there is one the system's applies. */
export function useTheme(): [Theme, (theme: Theme) => void] {
  const systemPrefersDark = useMediaQuery("(prefers-color-scheme: dark)");
  const [chosen, setChosen] = useState(() => readStoredTheme(browserStorage()));
  useLayoutEffect(() => applyTheme(document.documentElement, chosen), [chosen]);
  const choose = (theme: Theme) => {
    storeTheme(browserStorage(), theme);
    setChosen(theme);
  };
  return [resolveTheme(chosen, systemPrefersDark), choose];
}

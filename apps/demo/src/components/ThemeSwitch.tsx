import { useTheme } from "../lib/useTheme";

/**
 * Light or dark, as a toggle button: pressed means dark. The first visit follows the system's theme; a click
 * pins the other one and the demo remembers it.
 */
export function ThemeSwitch() {
  const [theme, choose] = useTheme();
  const dark = theme === "dark";
  return (
    <button
      type="button"
      className="theme-switch secondary"
      aria-pressed={dark}
      title={dark ? "Switch to the light theme" : "Switch to the dark theme"}
      onClick={() => choose(dark ? "light" : "dark")}
    >
      <svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true">
        {dark ? (
          <path d="M20 14.5A8 8 0 0 1 9.5 4a8 8 0 1 0 10.5 10.5Z" fill="currentColor" />
        ) : (
          <g stroke="currentColor" strokeWidth="2" strokeLinecap="round" fill="none">
            <circle cx="12" cy="12" r="4" fill="currentColor" />
            <path d="M12 2v2M12 20v2M4.9 4.9l1.4 1.4M17.7 17.7l1.4 1.4M2 12h2M20 12h2M4.9 19.1l1.4-1.4M17.7 6.3l1.4-1.4" />
          </g>
        )}
      </svg>
      <span className="visually-hidden">Dark theme</span>
    </button>
  );
}

import type { Route } from "../lib/useHashRoute";
import { ProviderBadge } from "./ProviderBadge";
import { ThemeSwitch } from "./ThemeSwitch";

export function AppHeader({ route }: { route: Route }) {
  return (
    <header className="app-header">
      <a className="brand" href="#/">
        <svg viewBox="0 0 32 32" width="24" height="24" aria-hidden="true">
          <rect width="32" height="32" rx="8" fill="currentColor" />
          <path d="M9 11h14M9 16h10M9 21h6" stroke="var(--brand-ink)" strokeWidth="3" strokeLinecap="round" />
        </svg>
        <span className="brand-name">Parley</span>
      </a>
      <nav aria-label="Pages">
        <a href="#/" aria-current={route === "chat" ? "page" : undefined}>
          Chat
        </a>
        <a href="#/conformance" aria-current={route === "conformance" ? "page" : undefined}>
          Conformance
        </a>
      </nav>
      <div className="header-end">
        <ProviderBadge />
        <ThemeSwitch />
      </div>
    </header>
  );
}

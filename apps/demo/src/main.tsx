import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./components/App";
import { applyTheme, browserStorage, readStoredTheme } from "./lib/theme";
import "./styles.css";

// Before the first render, so a remembered theme shows from the first frame.
applyTheme(document.documentElement, readStoredTheme(browserStorage()));

const root = document.getElementById("root");
if (!root) throw new Error('index.html has no element with id "root"');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

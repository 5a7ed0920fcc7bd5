import { useHashRoute } from "../lib/useHashRoute";
import { AppHeader } from "./AppHeader";
import { ChatPage } from "./ChatPage";
import { ConformancePage } from "./ConformancePage";

export function App() {
  const route = useHashRoute();
  return (
    <div className="app">
      <AppHeader route={route} />
      {/* The chat stays mounted while the Conformance page shows, so a conversation survives a visit there. */}
      <main className="page" hidden={route !== "chat"}>
        <ChatPage active={route === "chat"} />
      </main>
      {route === "conformance" && (
        <main className="page">
          <ConformancePage />
        </main>
      )}
    </div>
  );
}

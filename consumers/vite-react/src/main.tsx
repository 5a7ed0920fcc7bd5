// A user's app as the README shows it: useChat on a client that talks to its own origin.
import { ClientV2, messageText } from "@parley/core";
import { useChat } from "@parley/react";
import { createRoot } from "react-dom/client";

const client = new ClientV2({ baseUrl: location.origin, apiKey: "" }); // the server holds the key

function App() {
  const { messages, status, error, send } = useChat({ client, model: "command-a-03-2025" });
  return (
    <main>
      <button type="button" onClick={() => void send("Tell me how streaming works.")}>
        Send
      </button>
      <p data-testid="status">{status}</p>
      {error ? <p data-testid="error">{error.message}</p> : null}
      <ol>
        {messages.map((m) => (
          <li key={m.id} data-role={m.role}>
            {messageText(m)}
          </li>
        ))}
      </ol>
    </main>
  );
}

const root = document.getElementById("root");
if (!root) throw new Error("no #root element");
createRoot(root).render(<App />);

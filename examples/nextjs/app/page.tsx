import { Chat } from "./chat";

export default function Page() {
  return (
    <main>
      <h1>Parley on Next.js</h1>
      <Chat />
    </main>
  );
}

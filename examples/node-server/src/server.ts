import { createApp } from "./app.js";

const port = Number(process.env.PORT ?? 3000);
const server = createApp().listen(port, "127.0.0.1", () => {
  const address = server.address();
  console.log(
    `listening on http://127.0.0.1:${typeof address === "object" && address ? address.port : port}`,
  );
});
// Facing the internet: time out slow headers (slowloris) and whole requests.
server.headersTimeout = 10_000;
server.requestTimeout = 60_000;

import { chatHead } from "./chatHead";
import { eventually } from "./eventually";
import { MiB } from "./heapUsed";
import type { RawClient } from "./rawClient";

/** Declares a 1 GiB body and sends none of it; resolves once the server has closed the connection. */
export async function declareHugeBody(client: RawClient): Promise<void> {
  client.socket.write(chatHead(1024 * MiB));
  await eventually(() => client.closed, 10_000, "the declared 1 GiB refused and closed");
}

/**
 * Sends a chunked body of up to `most` MiB as fast as the server takes it, stopping when the server closes the
 * connection; resolves once it has, with how many MiB were handed to the socket.
 */
export async function sendEndlessBody(client: RawClient, most = 256): Promise<number> {
  client.socket.write(chatHead("chunked"));
  const piece = `${MiB.toString(16)}\r\n${"x".repeat(MiB)}\r\n`;
  let sent = 0;
  const pump = () => {
    while (!client.closed && sent < most) {
      sent++;
      if (!client.socket.write(piece)) return void client.socket.once("drain", pump);
    }
  };
  pump();
  await eventually(() => client.closed, 15_000, "the endless upload refused and closed");
  return sent;
}

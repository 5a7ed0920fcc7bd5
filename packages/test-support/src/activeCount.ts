/**
 * How many of this process's active resources are of a kind: `"TCPSocketWrap"` (TCP sockets, listening ones
 * included), `"Timeout"` (timers).
 */
export function activeCount(kind: string): number {
  return process.getActiveResourcesInfo().filter((name) => name === kind).length;
}

import type { Fetch } from "../fakeFetch";
import type { Recorder } from "./recorder";

export function parleyChat(_fetch: Fetch, _recorder: Recorder): React.JSX.Element {
  throw new Error("@parley/react useChat is not available yet");
}

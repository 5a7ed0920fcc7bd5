import { type SyntheticEvent, useState } from "react";
import { NARROW_QUERY } from "./useMediaQuery";

/**
 * Props for a side panel's `<details>`: open on a wide screen, folded away on a narrow one (a phone), where the
 * chat needs the room. Chosen once when the panel mounts; after that it stays as the reader leaves it.
 */
export function useFoldOnNarrow(): {
  open: boolean;
  onToggle(event: SyntheticEvent<HTMLDetailsElement>): void;
} {
  const [open, setOpen] = useState(() => !window.matchMedia(NARROW_QUERY).matches);
  return { open, onToggle: (event) => setOpen(event.currentTarget.open) };
}

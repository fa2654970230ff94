/** Moves focus (and so the view) to an element when a value changes after the first render. */
import { useEffect, useRef } from "react";

export function useFocusOnChange<T extends HTMLElement>(value: unknown) {
  const ref = useRef<T>(null);
  const first = useRef(true);

  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    ref.current?.focus();
  }, [value]);

  return ref;
}

/** Whether an element has come into view yet; once it has, it stays seen. */
import { useEffect, useRef, useState, type RefObject } from "react";

// only what shows counts: a chart just below the fold of a long table waits for a scroll
const MARGIN = "0px";

export function useSeen<T extends Element>(): [RefObject<T | null>, boolean] {
  const ref = useRef<T>(null);
  // without IntersectionObserver (old browsers, a test's DOM) everything counts as seen
  const [seen, setSeen] = useState(typeof IntersectionObserver === "undefined");

  useEffect(() => {
    const node = ref.current;
    if (seen || !node) return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((entry) => entry.isIntersecting)) setSeen(true);
      },
      { rootMargin: MARGIN },
    );
    observer.observe(node);
    return () => observer.disconnect();
  }, [seen]);

  return [ref, seen];
}

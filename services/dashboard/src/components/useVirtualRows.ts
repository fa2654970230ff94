/** Windowing for long lists in a scroll box: only the rows in view, and a few more, are built. */
import { observeElementRect, useVirtualizer, type VirtualItem } from "@tanstack/react-virtual";
import { useCallback, type Key, type RefObject } from "react";

// rows built beyond each edge of the box, so Tab and short scrolls land on rows that exist
const OVERSCAN = 6;
// a box that is not laid out (a hidden panel, a test's DOM) reports no height: build a screenful
const UNMEASURED = { width: 1280, height: 800 };

export interface VirtualRows {
  /** the rows to build, each with its index and key. */
  rows: VirtualItem[];
  /** the height left unbuilt above the first row and below the last. */
  before: number;
  after: number;
  /** goes on each built row (with data-index) so its real height replaces the estimate. */
  measure: (node: Element | null) => void;
}

interface Options {
  count: number;
  /** a row's height before it has been measured, in pixels. */
  estimate: number;
  keyOf: (index: number) => Key;
}

/** The rows of a list of `count` that scroll in `box` and are to be built now. */
export function useVirtualRows<E extends HTMLElement>(
  box: RefObject<E | null>,
  { count, estimate, keyOf }: Options,
): VirtualRows {
  const virtualizer = useVirtualizer<E, Element>({
    count,
    estimateSize: useCallback(() => estimate, [estimate]),
    getItemKey: keyOf,
    getScrollElement: () => box.current,
    overscan: OVERSCAN,
    initialRect: UNMEASURED,
    observeElementRect: (instance, report) =>
      observeElementRect(instance, (rect) => report(rect.height > 0 ? rect : UNMEASURED)),
  });

  const rows = virtualizer.getVirtualItems();
  const total = virtualizer.getTotalSize();
  const before = rows[0]?.start ?? 0;
  const after = Math.max(0, total - (rows.at(-1)?.end ?? 0));
  return { rows, before, after, measure: virtualizer.measureElement };
}

/** How times and durations read on screen. */

export function formatMs(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return "—";
  return ms < 10 ? `${ms.toFixed(1)} ms` : `${Math.round(ms)} ms`;
}

// made once: toLocaleTimeString builds a formatter on every call, which tells over 2,000 rows
const CLOCK = new Intl.DateTimeFormat([], {
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  hourCycle: "h23",
});
const DAY = new Intl.DateTimeFormat([], { month: "short", day: "numeric" });

/** Local wall-clock time of an ISO instant (date too when it is not today). */
export function formatTime(iso: string | null | undefined, now: Date = new Date()): string {
  if (!iso) return "never";
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  const time = CLOCK.format(at);
  if (at.toDateString() === now.toDateString()) return time;
  return `${DAY.format(at)} ${time}`;
}

export function formatUptime(fraction: number | null | undefined): string {
  if (fraction === null || fraction === undefined) return "—";
  return `${(fraction * 100).toFixed(fraction >= 0.999 || fraction === 0 ? 0 : 1)} %`;
}

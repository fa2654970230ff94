/** Scaling ranges as the gateway names them ("8200-8299") and the ports they hold. */

export interface PortRange {
  low: number;
  high: number;
}

export function parseRange(text: string): PortRange | null {
  const match = /^\s*(\d+)\s*-\s*(\d+)\s*$/.exec(text);
  if (!match) return null;
  return { low: Number(match[1]), high: Number(match[2]) };
}

export function inRange(range: PortRange, port: number): boolean {
  return port >= range.low && port <= range.high;
}

/** The first `count` free ports of a range, lowest first. */
export function nextFreePorts(available: number[], range: PortRange, count: number): number[] {
  return available
    .filter((port) => inRange(range, port))
    .sort((a, b) => a - b)
    .slice(0, Math.max(0, count));
}

/** Active ports of a range, highest first: the order the manual advises removing them in. */
export function removalOrder(active: number[], range: PortRange | null): number[] {
  const inside = range ? active.filter((port) => inRange(range, port)) : active;
  return [...inside].sort((a, b) => b - a);
}

/** A fraction as a whole-number percentage, or an em dash when the whole is zero. */
export function percent(part: number, whole: number): string {
  return whole > 0 ? `${Math.round((part / whole) * 100)} %` : "—";
}

/**
 * A stand-in for the gateway's live feed, for working on the dashboard before the real one runs.
 *
 * It speaks the feed's contract (snapshot, then deltas; batches; seq; ?since=) but every figure
 * comes from the gateway's REST API, polled each second: it reports what changed there, never
 * anything it made up. Run: `node dev/feed-stand-in.mjs`, then `CONDUCTOR_FEED=ws://127.0.0.1:8010
 * npm run dev` (or `npm run preview`). Env: GATEWAY (http://127.0.0.1:8000), FEED_PORT (8010).
 */
import { WebSocketServer } from "ws";

const gateway = process.env.GATEWAY ?? "http://127.0.0.1:8000";
const port = Number(process.env.FEED_PORT ?? 8010);
const prefix = `${gateway}/api/components`;
const SETTINGS = [
  "monitor_enabled",
  "auto_expand",
  "monitor_interval",
  "monitor_timeout",
  "monitor_threshold",
];

let seq = 0;
const sent = []; // recent messages, so a client can resume after its last seq
let last = null;

async function get(path) {
  const response = await fetch(`${prefix}${path}`);
  if (!response.ok) throw new Error(`${path}: ${response.status}`);
  return response.json();
}

async function read() {
  const [health, status, monitoring] = await Promise.all([
    get("/port-health"),
    get("/scaling/status"),
    get("/port-monitoring"),
  ]);
  return { health, status, monitoring };
}

function message(type, data) {
  const item = { seq: ++seq, type, data };
  sent.push(item);
  if (sent.length > 1000) sent.shift();
  return item;
}

function settingsOf(row) {
  return Object.fromEntries(SETTINGS.map((name) => [name, row[name]]));
}

/** What changed between two readings of the REST API, as feed messages. */
function changes(before, after) {
  const at = new Date().toISOString();
  const out = [];
  const was = new Set(before.status.active_scaling_ports);
  const now = new Set(after.status.active_scaling_ports);
  const rows = new Map(after.monitoring.ports.map((row) => [row.port, row]));
  for (const p of now) {
    if (was.has(p)) continue;
    const row = rows.get(p) ?? { resource_name: `port ${p}`, ip: "", monitor_enabled: true };
    const resource = { name: row.resource_name, ip: row.ip, port: p, monitor: settingsOf(row) };
    const base = Object.entries(after.status.scaling_ranges).find(([, range]) => {
      const [low, high] = range.split("-").map(Number);
      return p >= low && p <= high;
    });
    const event = {
      event_id: `stand-in-${seq}`,
      at,
      port: p,
      base_port: base ? Number(base[0]) : null,
      resource,
    };
    out.push(message("scaling.created", event));
  }
  for (const p of was) {
    if (!now.has(p))
      out.push(
        message("scaling.removed", { event_id: `stand-in-${seq}`, at, port: p, resources: [] }),
      );
  }
  const old = new Map(before.monitoring.ports.map((row) => [row.port, settingsOf(row)]));
  for (const row of after.monitoring.ports) {
    const previous = old.get(row.port);
    const current = settingsOf(row);
    if (previous && JSON.stringify(previous) !== JSON.stringify(current)) {
      out.push(
        message("monitoring.updated", {
          event_id: `stand-in-${seq}`,
          at,
          port: row.port,
          before: previous,
          after: current,
        }),
      );
    }
  }
  const statuses = new Map(before.health.ports.map((p) => [p.port, p.status]));
  for (const p of after.health.ports) {
    const from = statuses.get(p.port);
    if (from && from !== p.status) {
      out.push(
        message("health.changed", {
          port: p.port,
          from,
          to: p.status,
          reason: p.reason,
          response_time_ms: p.response_time_ms,
          at,
        }),
      );
    }
  }
  return out;
}

function snapshot(reading) {
  return message("snapshot", {
    ports: reading.health.ports,
    scaling_status: reading.status,
    activity: [],
  });
}

const server = new WebSocketServer({ port, path: "/api/components/ws" });

server.on("connection", async (socket, request) => {
  const since = Number(new URL(request.url, "http://x").searchParams.get("since"));
  const missed = sent.filter((item) => item.seq > since);
  const canResume = since > 0 && sent.length > 0 && sent[0].seq <= since + 1 && since <= seq;
  try {
    last ??= await read();
    socket.send(JSON.stringify(canResume ? missed : [snapshot(last)]));
  } catch (error) {
    console.error("snapshot failed:", error.message);
    socket.close(1011, "gateway unreachable");
  }
});

async function poll() {
  try {
    const reading = await read();
    const batch = last ? changes(last, reading) : [];
    last = reading;
    const frame = JSON.stringify(batch.length ? batch : [message("ping", {})]);
    for (const client of server.clients) if (client.readyState === 1) client.send(frame);
  } catch (error) {
    console.error("poll failed:", error.message);
  }
  setTimeout(poll, 1000);
}

console.log(`feed stand-in on ws://127.0.0.1:${port}/api/components/ws, reading ${prefix}`);
poll();

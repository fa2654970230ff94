/** Says plainly when health is not being measured, or when figures come from polling. */
import { FALLBACK_POLL_MS } from "../api/queries";
import type { HealthMode } from "../api/types";
import { Notice } from "../components/Notice";
import type { PortSource } from "../feed/source";

export function ModeNotice({ mode, source }: { mode: HealthMode | null; source: PortSource }) {
  return (
    <>
      {mode === "configuration_only" && (
        <Notice tone="info">
          Health is not being measured: no prober has reported yet, so ports show as unknown and
          figures come from configuration only.
        </Notice>
      )}
      {source === "rest" && (
        <p className="muted small">
          Live feed not connected: figures are reloaded from the REST API every{" "}
          {FALLBACK_POLL_MS / 1000} seconds.
        </p>
      )}
    </>
  );
}

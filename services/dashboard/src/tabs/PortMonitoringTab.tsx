/** Port Monitoring: every port's five settings, one port's settings in an edit form. */
import { useState } from "react";

import { useMonitoring } from "../api/queries";
import type { PortResource } from "../api/types";
import { EmptyState } from "../components/EmptyState";
import { QueryBoundary } from "../components/QueryBoundary";
import { useFocusOnChange } from "../components/useFocusOnChange";
import { useSettingBounds } from "./port-monitoring/bounds";
import { MonitoringForm } from "./port-monitoring/MonitoringForm";
import { SettingsTable } from "./port-monitoring/SettingsTable";

function Editor({ rows, port }: { rows: PortResource[]; port: number | null }) {
  const bounds = useSettingBounds();
  const matching = rows.filter((row) => row.port === port);
  const row = matching[0];
  if (port === null || !row) {
    return (
      <EmptyState title="No port chosen.">Choose Edit on a port to change its settings.</EmptyState>
    );
  }
  return (
    <>
      <p className="muted">
        {row.resource_name} · {row.ip}:{row.port}
        {matching.length > 1 && ` · ${matching.length} rows share this port; all are updated`}
      </p>
      <MonitoringForm key={port} row={row} bounds={bounds} />
    </>
  );
}

export function PortMonitoringTab() {
  const monitoring = useMonitoring();
  const [port, setPort] = useState<number | null>(null);
  const editorTitle = useFocusOnChange<HTMLHeadingElement>(port);
  return (
    <QueryBoundary query={monitoring} what="the monitoring settings">
      {(data) =>
        data.ports.length ? (
          <div className="split">
            <section className="card" aria-labelledby="settings-title">
              <h2 id="settings-title" className="card__title">
                Ports <span className="count">{data.total}</span>
              </h2>
              <SettingsTable rows={data.ports} selected={port} onEdit={setPort} />
            </section>
            <section className="card split__side" aria-labelledby="editor-title">
              <h2 id="editor-title" className="card__title" ref={editorTitle} tabIndex={-1}>
                {port === null ? "Edit settings" : `Edit settings of port ${port}`}
              </h2>
              <Editor rows={data.ports} port={port} />
            </section>
          </div>
        ) : (
          <EmptyState title="tlkresources has no rows.">Nothing to configure yet.</EmptyState>
        )
      }
    </QueryBoundary>
  );
}

/** The console: header, the manual's five tabs, and the tab chosen in the URL's hash. */
import { useEffect, useState } from "react";

import { Header } from "./components/Header";
import { Tabs, type TabSpec } from "./components/Tabs";
import { ManualScalingTab } from "./tabs/ManualScalingTab";
import { PortHealthTab } from "./tabs/PortHealthTab";
import { PortMonitoringTab } from "./tabs/PortMonitoringTab";
import { RealTimeTab } from "./tabs/RealTimeTab";
import { ScalingStatusTab } from "./tabs/ScalingStatusTab";

export const TABS: TabSpec[] = [
  { id: "scaling-status", label: "Scaling Status", render: () => <ScalingStatusTab /> },
  { id: "port-health", label: "Port Health", render: () => <PortHealthTab /> },
  { id: "manual-scaling", label: "Manual Scaling", render: () => <ManualScalingTab /> },
  { id: "port-monitoring", label: "Port Monitoring", render: () => <PortMonitoringTab /> },
  { id: "real-time", label: "Real-Time Display", render: () => <RealTimeTab /> },
];

function tabInHash(): string | null {
  const id = window.location.hash.slice(1);
  return TABS.some((tab) => tab.id === id) ? id : null;
}

export function App() {
  const [selected, setSelected] = useState(() => tabInHash() ?? TABS[0]?.id ?? "");

  useEffect(() => {
    // links to "#port-monitoring" and the like switch tabs; other anchors leave them alone
    const follow = () => {
      const id = tabInHash();
      if (id) setSelected(id);
    };
    window.addEventListener("hashchange", follow);
    return () => window.removeEventListener("hashchange", follow);
  }, []);

  const select = (id: string) => {
    setSelected(id);
    window.history.replaceState(null, "", `#${id}`);
  };

  return (
    <div className="app">
      <a className="skip-link" href={`#panel-${selected}`}>
        Skip to content
      </a>
      <Header />
      <main className="main">
        <Tabs label="Conductor sections" tabs={TABS} selected={selected} onSelect={select} />
      </main>
    </div>
  );
}

/** A message box: errors are announced at once (alert), other news politely (status). */
import type { ReactNode } from "react";

type Tone = "error" | "success" | "info" | "warn";

export function Notice({ tone, children, id }: { tone: Tone; children: ReactNode; id?: string }) {
  return (
    <div id={id} className={`notice notice--${tone}`} role={tone === "error" ? "alert" : "status"}>
      {children}
    </div>
  );
}

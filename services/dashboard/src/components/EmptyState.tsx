/** What a panel shows when it has nothing to list: why, and the way out. */
import type { ReactNode } from "react";

interface Props {
  title: string;
  children?: ReactNode;
  action?: { label: string; onClick: () => void };
}

export function EmptyState({ title, children, action }: Props) {
  return (
    <div className="empty" role="status">
      <p className="empty__title">{title}</p>
      {children && <div className="empty__text">{children}</div>}
      {action && (
        <button type="button" className="btn" onClick={action.onClick}>
          {action.label}
        </button>
      )}
    </div>
  );
}

import type { ReactNode } from "react";

export function EmptyState({
  icon,
  title,
  children,
  actions,
}: {
  icon: ReactNode;
  title: ReactNode;
  children?: ReactNode;
  actions?: ReactNode;
}) {
  return (
    <div className="card">
      <div className="empty-state">
        <div className="empty-state-icon" aria-hidden>
          {icon}
        </div>
        <h2>{title}</h2>
        {children ? <p>{children}</p> : null}
        {actions ? <div className="empty-state-actions">{actions}</div> : null}
      </div>
    </div>
  );
}

import type { ReactNode } from 'react';

export function ViewHeader({ title, subtitle, actions }: { title: string; subtitle?: string; actions?: ReactNode }) {
  return (
    <header className="view-header">
      <div>
        {/* tabIndex -1: a view that opens can put the keyboard at its heading. */}
        <h1 tabIndex={-1}>{title}</h1>
        {subtitle ? <p className="muted">{subtitle}</p> : null}
      </div>
      {actions ? <div className="view-actions">{actions}</div> : null}
    </header>
  );
}

import type { ReactNode } from 'react';
import { Icon, type IconName } from './Icon.js';

/** What a view shows before it has data: what this place is for and the one thing to do next. */
export function EmptyState(props: { icon: IconName; title: string; children: ReactNode; action?: ReactNode }) {
  return (
    <section className="empty-state" aria-label={props.title}>
      <div className="empty-icon"><Icon name={props.icon} size={40} /></div>
      <h2>{props.title}</h2>
      <div className="empty-body">{props.children}</div>
      {props.action ? <div className="empty-action">{props.action}</div> : null}
    </section>
  );
}

import { Button } from './Button';
import type { ReactNode } from 'react';

export interface NoticeProps {
  tone?: 'info' | 'success';
  children: ReactNode;
  action?: ReactNode;
  /** Offers a Dismiss button (when there is no other action). */
  onDismiss?: () => void;
  testId?: string;
}

/** A calm message: what just happened, or something worth knowing. Announced politely. */
export function Notice({ tone = 'info', children, action, onDismiss, testId }: NoticeProps) {
  action ??= onDismiss && (
    <Button variant="ghost" size="sm" onClick={onDismiss}>
      Dismiss
    </Button>
  );
  return (
    <div className={`banner banner-${tone}`} role="status" data-testid={testId}>
      <span className="banner-icon" aria-hidden="true">
        {tone === 'success' ? '✓' : 'i'}
      </span>
      <div className="banner-body">
        <p className="banner-message">{children}</p>
      </div>
      {action && <div className="banner-action">{action}</div>}
    </div>
  );
}

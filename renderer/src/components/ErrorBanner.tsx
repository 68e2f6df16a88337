import { useEffect, useRef, type ReactNode } from 'react';
import { messageOf } from '../api/client';

export interface ErrorBannerProps {
  /** A thrown value (an ApiCallError shows the server's message as is) or a ready message. */
  error: unknown;
  title?: string;
  action?: ReactNode;
  testId?: string;
}

/** A refusal or failure, in words, with what to do next when there is something. */
export function ErrorBanner({ error, title, action, testId = 'error-banner' }: ErrorBannerProps) {
  const ref = useRef<HTMLDivElement>(null);
  const message = error === null || error === undefined || error === '' ? null : typeof error === 'string' ? error : messageOf(error);
  // A refusal is shown where the user is looking: a banner above a long form comes into view.
  useEffect(() => {
    if (message) ref.current?.scrollIntoView?.({ block: 'nearest' });
  }, [message]);
  if (message === null) return null;
  return (
    <div className="banner banner-error" role="alert" data-testid={testId} ref={ref}>
      <span className="banner-icon" aria-hidden="true">
        !
      </span>
      <div className="banner-body">
        {title && <p className="banner-title">{title}</p>}
        <p className="banner-message">{message}</p>
      </div>
      {action && <div className="banner-action">{action}</div>}
    </div>
  );
}

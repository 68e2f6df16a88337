import { useTranslation } from 'react-i18next';
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

/** The banner's mark (a symbol, not a word). */
const MARK = { success: '✓', info: 'i' } as const;

/** A calm message: what just happened, or something worth knowing. Announced politely. */
export function Notice({ tone = 'info', children, action, onDismiss, testId }: NoticeProps) {
  const { t } = useTranslation('components');
  action ??= onDismiss && (
    <Button variant="ghost" size="sm" onClick={onDismiss}>
      {t('dismiss')}
    </Button>
  );
  return (
    <div className={`banner banner-${tone}`} role="status" data-testid={testId}>
      <span className="banner-icon" aria-hidden="true">
        {MARK[tone]}
      </span>
      <div className="banner-body">
        <p className="banner-message">{children}</p>
      </div>
      {action && <div className="banner-action">{action}</div>}
    </div>
  );
}

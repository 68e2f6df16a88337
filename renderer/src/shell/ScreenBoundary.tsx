import { Component, type ReactNode } from 'react';
import { Button } from '../components/Button';
import { ErrorBanner } from '../components/ErrorBanner';
import { i18n } from '../i18n/instance';

/**
 * Screens other than the counter load on first use: if one cannot be loaded (or fails while
 * drawing), say so in place of the screen and offer to reload, instead of a blank window.
 */
export class ScreenBoundary extends Component<{ children: ReactNode }, { error: unknown }> {
  override state: { error: unknown } = { error: null };

  static getDerivedStateFromError(error: unknown): { error: unknown } {
    return { error };
  }

  override render(): ReactNode {
    if (this.state.error) {
      return (
        <ErrorBanner
          title={i18n.t('app.screenFailed')}
          error={this.state.error}
          action={
            <Button variant="primary" onClick={() => window.location.reload()}>
              {i18n.t('app.reload')}
            </Button>
          }
          testId="screen-error"
        />
      );
    }
    return this.props.children;
  }
}

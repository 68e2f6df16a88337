import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { InputOf, Quote } from '../../../../shared/contract';
import { call } from '../../api/client';

/**
 * The main process's price of the draft, asked again (after a short pause) whenever the draft
 * changes — or the language, since the quote's problems come written in the reader's language.
 */
export function useQuote(draft: InputOf<'orders.quote'> | null): { quote: Quote | null; error: unknown; loading: boolean } {
  const { i18n } = useTranslation();
  const key = draft ? JSON.stringify([i18n.language, draft]) : '';
  const [state, setState] = useState<{ key: string; quote: Quote | null; error: unknown }>({ key: '', quote: null, error: null });
  useEffect(() => {
    if (!key) return;
    let live = true;
    const timer = setTimeout(() => {
      call('orders.quote', (JSON.parse(key) as [string, InputOf<'orders.quote'>])[1]).then(
        (quote) => live && setState({ key, quote, error: null }),
        (error: unknown) => live && setState({ key, quote: null, error }),
      );
    }, 120);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [key]);
  if (!key) return { quote: null, error: null, loading: false };
  // While a new price is on its way the last one stays shown (marked loading), so nothing flickers.
  return { quote: state.quote, error: state.key === key ? state.error : null, loading: state.key !== key };
}

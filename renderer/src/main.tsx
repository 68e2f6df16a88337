import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { config } from 'zod';
import { I18nextProvider } from 'react-i18next';
import { App } from './App';
import { i18n } from './i18n/i18n';
import './styles.css';

// The CSP allows no eval: zod's compiled fast path would first probe `new Function`, which the
// page reports as a policy violation on every start.
config({ jitless: true });

const root = document.getElementById('root');
if (!root) throw new Error('The page has no #root element.');
createRoot(root).render(
  <StrictMode>
    <I18nextProvider i18n={i18n}>
      <App />
    </I18nextProvider>
  </StrictMode>,
);

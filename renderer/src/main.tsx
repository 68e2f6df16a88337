import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { config } from 'zod';
import { App } from './App';
import './styles.css';

// The CSP allows no eval: zod's compiled fast path would first probe `new Function`, which the
// page reports as a policy violation on every start.
config({ jitless: true });

const root = document.getElementById('root');
if (!root) throw new Error('The page has no #root element.');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

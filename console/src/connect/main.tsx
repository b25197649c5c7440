import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ConnectPage } from './connect-page';
import '../styles.css';

createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <ConnectPage />
  </StrictMode>,
);

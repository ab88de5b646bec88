import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { createBridge } from './bridge/bridge';
import { BridgeContext } from './bridge/context';
import { createQueryClient } from './bridge/query';
import './styles.css';

const root = document.getElementById('root');
if (root === null) throw new Error('index.html has no #root element');
// The bridge first: every screen reads through it.
const bridge = createBridge();
createRoot(root).render(
  <StrictMode>
    <BridgeContext.Provider value={bridge}>
      <QueryClientProvider client={createQueryClient()}>
        <App />
      </QueryClientProvider>
    </BridgeContext.Provider>
  </StrictMode>,
);

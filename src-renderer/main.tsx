import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { createBridge } from './bridge/bridge';
import { BridgeContext } from './bridge/context';
import './styles.css';

const root = document.getElementById('root');
if (root === null) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <BridgeContext.Provider value={createBridge()}>
      <App />
    </BridgeContext.Provider>
  </StrictMode>,
);

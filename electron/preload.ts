// Runs sandboxed with context isolation: the page gets exactly one function, never ipcRenderer.
import { contextBridge, ipcRenderer } from 'electron';
import type { BoxOfficeBridge } from '../shared/bridge-api';

// Literal rather than imported from security.ts so the sandboxed bundle stays tiny.
const IPC_CHANNEL = 'box-office:call';

const bridge: BoxOfficeBridge = {
  call: (request) => ipcRenderer.invoke(IPC_CHANNEL, request),
};

contextBridge.exposeInMainWorld('boxOffice', bridge);

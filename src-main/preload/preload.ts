// The preload exposes exactly `invoke` and `on` to the renderer, nothing of Node or Electron.
// Errors come back as payloads and are rebuilt as PorchlightError on this side.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { RawBridge } from '../../src-shared/ipc/contract';
import { isErrorPayload, PorchlightError } from '../../src-shared/ipc/errors';
import { EVENT_CHANNEL, INVOKE_CHANNEL, type InvokeReply } from '../electron/ipc-channels';

const bridge = {
  async invoke(name: string, args: unknown): Promise<unknown> {
    const reply = (await ipcRenderer.invoke(INVOKE_CHANNEL, name, args)) as InvokeReply;
    if (reply.ok) return reply.result;
    throw isErrorPayload(reply.error)
      ? PorchlightError.fromPayload(reply.error)
      : new Error('Unexpected reply');
  },
  on(name: string, listener: (payload: unknown) => void): () => void {
    const handler = (_event: IpcRendererEvent, eventName: string, payload: unknown): void => {
      if (eventName === name) listener(payload);
    };
    ipcRenderer.on(EVENT_CHANNEL, handler);
    return () => ipcRenderer.removeListener(EVENT_CHANNEL, handler);
  },
} satisfies RawBridge;

contextBridge.exposeInMainWorld('porchlight', bridge);

// Wires the contract to ipcMain. Only our own renderer's frame may call: a frame from any
// other origin (a navigated or injected page) is refused before core sees the call.
import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import type { CoreApp } from '../core/app';
import { toErrorPayload } from '../core/app';
import type { CoreEvents } from '../core/events';
import { isSameApp } from './app-protocol';
import { EVENT_CHANNEL, INVOKE_CHANNEL, type InvokeReply } from './ipc-channels';

export function isTrustedSender(
  event: Pick<IpcMainInvokeEvent, 'senderFrame'>,
  rendererUrl: string,
): boolean {
  const frameUrl = event.senderFrame?.url;
  return frameUrl !== undefined && isSameApp(frameUrl, rendererUrl);
}

export function wireIpc(
  app: CoreApp,
  events: CoreEvents,
  window: BrowserWindow,
  rendererUrl: string,
): () => void {
  ipcMain.handle(INVOKE_CHANNEL, async (event, name: unknown, args: unknown): Promise<InvokeReply> => {
    if (!isTrustedSender(event, rendererUrl)) {
      return {
        ok: false,
        error: { code: 'unavailable', message: 'Calls are accepted only from the Porchlight window.' },
      };
    }
    try {
      return { ok: true, result: await app.invoke(String(name), args) };
    } catch (error) {
      return { ok: false, error: toErrorPayload(error) };
    }
  });
  const unsubscribe = events.on('*', (name, payload) => {
    if (!window.isDestroyed()) window.webContents.send(EVENT_CHANNEL, name, payload);
  });
  return () => {
    unsubscribe();
    ipcMain.removeHandler(INVOKE_CHANNEL);
  };
}

// The desktop shell's security decisions as pure functions, so each is tested without the
// Electron binary; main.ts only wires them to Electron's hooks.
import { isSameApp } from './app-protocol';

/** Links opened in the system browser or mail/phone app: never file: or a custom scheme. */
export function mayOpenExternally(url: string): boolean {
  try {
    return ['https:', 'mailto:', 'tel:'].includes(new URL(url).protocol);
  } catch {
    return false;
  }
}

/**
 * The renderer's address: the dev server's only in a development build (a production build
 * would otherwise trust whatever ELECTRON_RENDERER_URL names as the IPC origin).
 */
export function rendererUrlFor(
  isPackaged: boolean,
  devUrl: string | undefined,
  builtIndexUrl: string,
): string {
  return !isPackaged && devUrl !== undefined && devUrl !== '' ? devUrl : builtIndexUrl;
}

/** Whether a navigation, redirect or frame navigation stays on our own page. */
export function mayNavigate(url: string, rendererUrl: string): boolean {
  return isSameApp(url, rendererUrl);
}

/** Camera, microphone, notifications-from-page, geolocation…: the page needs none of them. */
export function mayGrantPermission(_permission: string): boolean {
  return false;
}

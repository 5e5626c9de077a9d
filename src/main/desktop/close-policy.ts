/**
 * What closing the window does. While hosting or in a room, LAN Room keeps running in the tray
 * (the window is hidden, the room goes on, notifications still come) and says so the first time;
 * in the lobby closing quits, on every platform, macOS included: a windowless LAN Room in the
 * lobby would only browse for rooms nobody sees. Quit (the tray's, the app menu's, Cmd+Q) always
 * quits, ending the room properly (index.ts's before-quit).
 */
import type { Situation } from '../../shared/bridge'
import { mainT, type TFunction } from '../i18n'

export type CloseDecision =
  /** Let the window close (and the app quit, the last window gone). */
  | { action: 'close' }
  /** Hide it; `explain`: tell the person, this once, that LAN Room is still running. */
  | { action: 'hide'; explain: boolean }

export interface CloseContext {
  situation: Situation
  /** Quit was chosen: the window closes whatever the situation. */
  quitting: boolean
  /** The person was told before (settings' trayExplained). */
  explained: boolean
  /** There is a tray icon to come back through. Without one the window closes as before. */
  hasTray: boolean
}

export function closeDecision(context: CloseContext): CloseDecision {
  if (context.quitting || !context.hasTray || context.situation === 'idle') {
    return { action: 'close' }
  }
  return { action: 'hide', explain: !context.explained }
}

/** The one-time explanation (a system notification). */
export function trayExplanation(
  situation: Situation,
  roomName: string,
  platform: NodeJS.Platform,
  t: TFunction = mainT,
): { title: string; body: string } {
  const room = roomName
  const hosting = situation === 'hosting'
  // One whole sentence per case: where the icon lives and what stays open differ in each.
  const body =
    platform === 'darwin'
      ? hosting
        ? t('dialogs.stillRunningHostingMenuBar', { room })
        : t('dialogs.stillRunningJoinedMenuBar', { room })
      : hosting
        ? t('dialogs.stillRunningHostingTray', { room })
        : t('dialogs.stillRunningJoinedTray', { room })
  return { title: t('dialogs.stillRunningTitle'), body }
}

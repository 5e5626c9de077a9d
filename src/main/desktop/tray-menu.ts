/**
 * What the tray (or macOS menu-bar) icon shows and offers, as plain data: the Electron port
 * (electron-ports.ts) turns it into a Tray and a Menu, so each state's menu is tested here
 * without Electron.
 */
import type { Situation } from '../../shared/bridge'
import { mainT, type TFunction } from '../i18n'

export interface TrayState {
  situation: Situation
  /** The room you are in or host; null in the lobby. */
  room: { id: string; name: string } | null
  /** Chats not yet seen in that room (main's own count, as the window title shows it). */
  unread: number
  /** That room is muted (preferences' mutedRooms). */
  muted: boolean
}

/** What a menu item does when clicked (desktop.ts carries it out). */
export type TrayAction = 'open' | 'mute' | 'unmute' | 'stopHosting' | 'quit'

export type TrayMenuItem =
  | { kind: 'action'; action: TrayAction; label: string }
  /** Shown, not clickable: the current room. */
  | { kind: 'label'; label: string }
  | { kind: 'separator' }

export interface TrayStatus {
  /** The icon's tooltip, on every platform. */
  tooltip: string
  /** Text beside the icon in macOS's menu bar: the unread count, or nothing. */
  title: string
}

export const APP_NAME = 'LAN Room'
/** Beyond this the count is written as "99+" (a menu bar has little room). */
const MAX_SHOWN_COUNT = 99

export const LOBBY: TrayState = { situation: 'idle', room: null, unread: 0, muted: false }

function count(unread: number): string {
  return unread > MAX_SHOWN_COUNT ? `${MAX_SHOWN_COUNT}+` : String(unread)
}

/** The menu for one state: Open, the room (and what can be done to it), Quit. */
export function trayMenuModel(state: TrayState, t: TFunction = mainT): TrayMenuItem[] {
  const items: TrayMenuItem[] = [{ kind: 'action', action: 'open', label: t('tray.open') }]
  if (state.situation !== 'idle' && state.room) {
    const room = state.room.name
    items.push({ kind: 'separator' })
    items.push({
      kind: 'label',
      label:
        state.unread > 0
          ? t('tray.roomUnread', { room, count: state.unread, unread: count(state.unread) })
          : room,
    })
    items.push(
      state.muted
        ? { kind: 'action', action: 'unmute', label: t('tray.unmute') }
        : { kind: 'action', action: 'mute', label: t('tray.mute') },
    )
    if (state.situation === 'hosting') {
      items.push({ kind: 'action', action: 'stopHosting', label: t('tray.stopHosting') })
    }
  }
  items.push({ kind: 'separator' })
  items.push({ kind: 'action', action: 'quit', label: t('tray.quit') })
  return items
}

/** The icon's tooltip and menu-bar title for one state. (The dock / launcher badge is index.ts's,
 * from the same snapshot.) */
export function trayStatus(state: TrayState, t: TFunction = mainT): TrayStatus {
  const inRoom = state.situation !== 'idle' && state.room !== null
  const unread = inRoom ? state.unread : 0
  let tooltip = APP_NAME
  if (inRoom && state.room) {
    const room = state.room.name
    tooltip =
      state.situation === 'hosting'
        ? t('tray.tooltipHosting', { room })
        : t('tray.tooltipJoined', { room })
    if (unread > 0) {
      tooltip = t('tray.tooltipUnread', { status: tooltip, count: unread, unread: count(unread) })
    }
    if (state.muted) tooltip = t('tray.tooltipMuted', { status: tooltip })
  }
  return { tooltip, title: unread > 0 ? count(unread) : '' }
}

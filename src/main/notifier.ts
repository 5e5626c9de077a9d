/**
 * System notifications for chats that arrive while the window is not focused, coalesced: at
 * most one per room every `intervalMs` (5 s). The first message after a quiet spell shows at
 * once; what arrives within the interval after it is gathered into one notification at the
 * end of the interval, with a count ("3 new messages from Ada and 2 others") and the latest
 * message. A busy room at the hub's rate limit (ten chats a second) thus sounds once every 5 s,
 * not ten times a second.
 *
 * On Linux the notification servers (GNOME Shell, KDE Plasma, dunst) read the body as markup:
 * `<b>`, `<a href>` and `<img src>` from a peer's message would be rendered, fetched or made
 * clickable. There, title and body are escaped (dunst also formats the title as markup).
 *
 * A message that mentions the person (by client id, or `@room`) is told apart: it sounds even
 * when the room is muted, it is not held back behind other messages' interval, and it says
 * "mentioned you". Mentions are coalesced among themselves, at most one per room every
 * `mentionIntervalMs` (1 s), since a hub can send many.
 *
 * What is notified follows the person's settings (`level`, `muted`, `showText`: see
 * `notificationWanted`), asked for each message so that a change applies at once.
 *
 * Plain Node: the Electron glue passes `show` (which builds the Notification and focuses the
 * window on click); tests pass a recorder and a manual clock.
 */

import type { NotificationLevel } from '../shared/bridge/model'
import { mainT, type TFunction } from './i18n'

export interface ChatNotification {
  title: string
  body: string
  /** It tells of a mention of the person. */
  mention?: boolean
}

export interface IncomingForNotice {
  /** The room's name (one room at a time: it is also what notifications are grouped by). */
  room: string
  /** The room's id, which mutes are kept by (`muted` is asked with it; default: the name). */
  roomId?: string
  name: string
  text: string
  /** It mentions the person (or the whole room). */
  mention?: boolean
}

export interface NotifierOptions {
  show: (notification: ChatNotification) => void
  platform: NodeJS.Platform
  /** Asked just before showing: false when the person is looking (the window is focused). */
  wanted?: () => boolean
  /** Whether the room (by id) is muted: its messages are not notified, mentions still are.
   * Default: no room is. */
  muted?: (roomId: string) => boolean
  /** Which messages notify at all (the Notifications setting), asked for each. Default: all. */
  level?: () => NotificationLevel
  /** Whether notifications show the text (asked when one is shown). Default: they do. */
  showText?: () => boolean
  /** At most one notification per room this often. Default 5000 ms. */
  intervalMs?: number
  /** At most one mention notification per room this often. Default 1000 ms. */
  mentionIntervalMs?: number
  now?: () => number
  /** Runs `callback` after `ms`; returns a cancel function. Default: an unref'd setTimeout. */
  schedule?: (callback: () => void, ms: number) => () => void
  /** The texts' language (main's translator, following the Language setting, by default). */
  t?: TFunction
}

/** Longest message text shown; notification popups show a few lines at most. */
export const MAX_BODY_LENGTH = 200
const DEFAULT_INTERVAL_MS = 5_000
const DEFAULT_MENTION_INTERVAL_MS = 1_000

/** Distinct senders counted per notification: a room holds at most 1024 people. */
const MAX_SENDERS = 1_024

interface Gathered {
  count: number
  /** Distinct senders (at most MAX_SENDERS: a hostile hub may invent names without end). */
  senders: Set<string>
  latest: { name: string; text: string }
}

interface RoomState {
  room: string
  mention: boolean
  lastShownAt: number | null
  gathered: Gathered | null
  cancel: (() => void) | null
}

export class ChatNotifier {
  private readonly rooms = new Map<string, RoomState>()
  private readonly intervalMs: number
  private readonly mentionIntervalMs: number
  private readonly now: () => number
  private readonly schedule: (callback: () => void, ms: number) => () => void

  constructor(private readonly options: NotifierOptions) {
    this.intervalMs = options.intervalMs ?? DEFAULT_INTERVAL_MS
    this.mentionIntervalMs = options.mentionIntervalMs ?? DEFAULT_MENTION_INTERVAL_MS
    this.now = options.now ?? Date.now
    this.schedule =
      options.schedule ??
      ((callback, ms) => {
        const timer = setTimeout(callback, ms)
        timer.unref()
        return () => clearTimeout(timer)
      })
  }

  incoming(chat: IncomingForNotice): void {
    const mention = chat.mention === true
    const muted = this.options.muted?.(chat.roomId ?? chat.room) ?? false
    if (!notificationWanted(this.options.level?.() ?? 'all', muted, mention)) return
    const state = this.roomState(chat.room, mention)
    const interval = mention ? this.mentionIntervalMs : this.intervalMs
    const gathered = (state.gathered ??= { count: 0, senders: new Set(), latest: chat })
    gathered.count += 1
    gathered.latest = { name: chat.name, text: chat.text }
    if (gathered.senders.size < MAX_SENDERS) gathered.senders.add(chat.name)
    const now = this.now()
    if (state.lastShownAt === null || now - state.lastShownAt >= interval) {
      this.flush(state)
    } else {
      state.cancel ??= this.schedule(
        () => {
          state.cancel = null
          this.flush(state)
        },
        state.lastShownAt + interval - now,
      )
    }
  }

  /** The person is looking now: nothing gathered so far is shown. */
  clear(): void {
    for (const state of this.rooms.values()) {
      state.cancel?.()
      state.cancel = null
      state.gathered = null
    }
  }

  dispose(): void {
    this.clear()
    this.rooms.clear()
  }

  private roomState(room: string, mention: boolean): RoomState {
    // Mentions are gathered apart from the room's other messages.
    const key = mention ? `mention\u0000${room}` : room
    let state = this.rooms.get(key)
    if (!state) {
      // One room at a time in this app; rooms left long ago are forgotten.
      const now = this.now()
      for (const [other, old] of this.rooms) {
        if (!old.gathered && (old.lastShownAt ?? 0) + this.intervalMs <= now)
          this.rooms.delete(other)
      }
      state = { room, mention, lastShownAt: null, gathered: null, cancel: null }
      this.rooms.set(key, state)
    }
    return state
  }

  private flush(state: RoomState): void {
    const gathered = state.gathered
    state.gathered = null
    if (!gathered) return
    if (this.options.wanted && !this.options.wanted()) return
    state.lastShownAt = this.now()
    const t = this.options.t ?? mainT
    const notification = state.mention
      ? formatMention(state.room, gathered, t)
      : formatNotification(state.room, gathered, t)
    // Without the text (people nearby may see the screen): who wrote, and nothing of what.
    if (this.options.showText && !this.options.showText()) {
      notification.body = t('notifications.hidden', { name: gathered.latest.name })
    }
    this.options.show({
      ...(this.options.platform === 'linux'
        ? { title: escapeMarkup(notification.title), body: escapeMarkup(notification.body) }
        : notification),
      ...(state.mention ? { mention: true } : {}),
    })
  }
}

/**
 * Whether a message is notified at all: `none` never; `mentions` only mentions of you; `all`
 * everything, except that a muted room notifies only mentions (the mentioned person is told
 * even in a muted room).
 */
export function notificationWanted(
  level: NotificationLevel,
  muted: boolean,
  mention: boolean,
): boolean {
  if (level === 'none') return false
  if (mention) return true
  return level === 'all' && !muted
}

function formatMention(room: string, gathered: Gathered, t: TFunction): ChatNotification {
  const { count, latest } = gathered
  const name = latest.name
  if (count === 1) {
    return {
      title: room
        ? t('notifications.mentionIn', { name, room })
        : t('notifications.mention', { name }),
      body: shorten(latest.text),
    }
  }
  return {
    title: room
      ? t('notifications.mentionsIn', { count, room })
      : t('notifications.mentions', { count }),
    body: shorten(t('notifications.quote', { name, text: latest.text })),
  }
}

function formatNotification(room: string, gathered: Gathered, t: TFunction): ChatNotification {
  const { count, senders, latest } = gathered
  if (count === 1) {
    return {
      title: room ? t('notifications.messageIn', { name: latest.name, room }) : latest.name,
      body: shorten(latest.text),
    }
  }
  // The latest sender by name; the others by name when there is one, else counted.
  const others = [...senders].filter((name) => name !== latest.name)
  const from =
    others.length === 0
      ? latest.name
      : others.length === 1
        ? t('notifications.twoSenders', { name: latest.name, other: others[0] })
        : t('notifications.manySenders', { name: latest.name, count: others.length })
  return {
    title: room
      ? t('notifications.newMessagesIn', { count, from, room })
      : t('notifications.newMessages', { count, from }),
    body: shorten(t('notifications.quote', { name: latest.name, text: latest.text })),
  }
}

function shorten(text: string): string {
  if (text.length <= MAX_BODY_LENGTH) return text
  let end = MAX_BODY_LENGTH
  const last = text.charCodeAt(end - 1)
  if (last >= 0xd800 && last <= 0xdbff) end -= 1
  return `${text.slice(0, end)}…`
}

const MARKUP: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
}

/** Text as the freedesktop notification servers' markup shows it, literally. */
export function escapeMarkup(text: string): string {
  return text.replace(/[&<>"']/g, (c) => MARKUP[c] as string)
}

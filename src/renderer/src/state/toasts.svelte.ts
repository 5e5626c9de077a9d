import { bridge, type LanRoomApi, type Notice } from '../lib/bridge'
import { errorText, isHubText } from '../lib/error-text'

export interface Toast {
  id: number
  level: Notice['level']
  message: string
  /** The room's hub's own words, not the catalogue's (shown marked `data-verbatim`). */
  verbatim?: boolean
}

/** At most this many at once: a burst of errors must not fill the window (or memory). */
const MAX_TOASTS = 4
/** Information goes away by itself; errors stay until dismissed. */
const INFO_MS = 6_000

/** Messages for the person that belong to no particular control: main's notices. */
export class ToastState {
  items = $state<Toast[]>([])
  #next = 1
  readonly #bridge: LanRoomApi

  constructor(api: LanRoomApi) {
    this.#bridge = api
  }

  push(level: Notice['level'], message: string, verbatim = false): void {
    const id = this.#next++
    // The same sentence twice in a row is shown once (a flapping connection, say).
    const last = this.items.at(-1)
    if (last && last.message === message && last.level === level) return
    const toast: Toast = verbatim ? { id, level, message, verbatim } : { id, level, message }
    this.items = [...this.items, toast].slice(-MAX_TOASTS)
    if (level === 'info') setTimeout(() => this.dismiss(id), INFO_MS)
  }

  dismiss(id: number): void {
    this.items = this.items.filter((toast) => toast.id !== id)
  }

  /** Main's notices carry a stable code: shown in the person's language (lib/error-text). */
  connect(): () => void {
    return this.#bridge.onNotice((notice) =>
      this.push(notice.level, errorText(notice), isHubText(notice)),
    )
  }
}

export const toasts = new ToastState(bridge)

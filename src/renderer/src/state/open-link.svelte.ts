import { bridge, type LanRoomApi } from '../lib/bridge'

/**
 * The last `lanroom://join/…` link main handed over (onOpenLink), until the join step takes it.
 * In the lobby that is at once; in a room it waits until the person is back in the lobby (a link
 * never takes anyone out of a room).
 */
export class OpenLinkState {
  /** A room code (as shown) or host:port; main checked it against the link grammar. */
  target = $state<string | null>(null)
  /** Counts links, so the same target twice still opens the join step twice. */
  arrivals = $state(0)
  readonly #bridge: LanRoomApi

  constructor(api: LanRoomApi) {
    this.#bridge = api
  }

  connect(): () => void {
    return this.#bridge.onOpenLink(({ join }) => {
      this.target = join
      this.arrivals++
    })
  }

  /** The waiting link, taken (null when none waits). */
  take(): string | null {
    const target = this.target
    this.target = null
    return target
  }
}

export const openLink = new OpenLinkState(bridge)

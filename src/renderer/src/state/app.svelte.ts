import { bridge, type AppState, type LanRoomApi, type Room, type Situation } from '../lib/bridge'

/** What the window knows about the app: a mirror of main's state, updated through the bridge. */
export class AppStateView {
  situation = $state<Situation>('idle')
  room = $state<Room | null>(null)
  /** False until main has answered, so the window does not claim "not in a room" too early. */
  loaded = $state(false)
  /** A sentence to show when main could not be asked. */
  error = $state<string | null>(null)

  readonly #bridge: LanRoomApi

  constructor(api: LanRoomApi) {
    this.#bridge = api
  }

  apply(state: AppState): void {
    this.situation = state.situation
    this.room = state.room
    this.loaded = true
    this.error = null
  }

  /**
   * Subscribes before asking, so no change between the two is missed. Main sends the reply and
   * the events over one ordered pipe, so applying them as they arrive leaves the newest state.
   */
  async connect(): Promise<() => void> {
    const unsubscribe = this.#bridge.onState((state) => this.apply(state))
    const result = await this.#bridge.getState()
    if (result.ok) this.apply(result.value)
    else this.error = result.error.message
    return unsubscribe
  }
}

export const appState = new AppStateView(bridge)

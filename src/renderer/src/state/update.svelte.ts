import { updateStateSchema, type UpdateState } from '../../../shared/bridge/update'
import { bridge, type BridgeResult, type LanRoomApi } from '../lib/bridge'

/**
 * The app's own update as main reports it (`onUpdate`, `getUpdate`), for the notice and the
 * Settings section. What arrives is parsed against the contract's schema here too: the release
 * notes in it came from the network, and a state that does not parse is not shown.
 */
export class UpdateStore {
  /** Null until main has answered. */
  value = $state<UpdateState | null>(null)
  readonly #bridge: LanRoomApi

  constructor(api: LanRoomApi) {
    this.#bridge = api
  }

  async connect(): Promise<() => void> {
    const off = this.#bridge.onUpdate((state) => this.#take(state))
    const first = await this.#bridge.getUpdate()
    // An event may have come first; it is as new or newer.
    if (first.ok && this.value === null) this.#take(first.value)
    return off
  }

  /** Check now. */
  async check(): Promise<BridgeResult<UpdateState>> {
    const result = await this.#bridge.checkForUpdates()
    if (result.ok) this.#take(result.value)
    return result
  }

  /** Restart to update; `endRoom`: the person confirmed the hosted room ends for everyone. */
  restart(endRoom: boolean): Promise<BridgeResult<{ ok: true }>> {
    return this.#bridge.restartToUpdate(endRoom ? { endRoom: true } : {})
  }

  #take(state: unknown): void {
    const parsed = updateStateSchema.safeParse(state)
    if (parsed.success) this.value = parsed.data
  }
}

export const update = new UpdateStore(bridge)

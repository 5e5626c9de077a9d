import { bridge, type LanRoomApi } from '../lib/bridge'
import { latestDownloads, uploadsByChat, type Transfer } from '../lib/files'

/**
 * The file transfers main runs for this window (uploads and downloads), as its `onTransfers`
 * event lists them: the whole list each time, so the newest wins.
 */
export class TransfersState {
  list = $state.raw<Transfer[]>([])

  /** Each file's latest download, by the seq of its chat. */
  downloads = $derived(latestDownloads(this.list))

  /** Uploads by the id of the file chat they will be: its pending row shows their progress. */
  uploads = $derived(uploadsByChat(this.list))

  readonly #bridge: LanRoomApi

  constructor(api: LanRoomApi) {
    this.#bridge = api
  }

  apply(list: readonly Transfer[]): void {
    this.list = [...list]
  }

  connect(): () => void {
    return this.#bridge.onTransfers((list) => this.apply(list))
  }
}

export const transfers = new TransfersState(bridge)

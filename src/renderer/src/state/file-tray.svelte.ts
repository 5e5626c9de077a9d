import { bridge, type BridgeResult, type LanRoomApi } from '../lib/bridge'
import { errorText } from '../lib/error-text'
import { namePasted, type Picked } from '../lib/dropped-files'
import { t } from '../lib/i18n'
import { refusal, type StagedFile } from '../lib/files'
import { makeThumbnail } from '../lib/thumbnail'

export interface TrayItem extends StagedFile {
  /** A blob: URL of the thumbnail made for it (images only), revoked when it leaves. */
  preview: string | null
}

/** Files one message may carry at once: a tray longer than this is not read by anyone. */
export const MAX_TRAY_FILES = 32

/**
 * The files staged in the composer, waiting to be sent with the next message: added by a drop
 * on the window, a paste or the attach button, each checked against the room's largest file and
 * handed to main (which keeps them until they are sent or removed).
 */
export class FileTrayState {
  items = $state.raw<TrayItem[]>([])
  /** Why the last files could not all be added (too large, a folder…), for the tray to say. */
  error = $state<string | null>(null)
  /** Files are being prepared (thumbnails made, handed to main). */
  adding = $state(false)

  readonly #bridge: LanRoomApi

  constructor(api: LanRoomApi) {
    this.#bridge = api
  }

  /** Adds dropped or pasted files, refusing those the room does not take. */
  async add(picked: Picked, maxFileBytes: number): Promise<void> {
    const problems: string[] = []
    if (picked.folders > 0) {
      problems.push(t('fileTray.folders'))
    }
    const room = MAX_TRAY_FILES - this.items.length
    const accepted: File[] = []
    for (const file of picked.files) {
      const problem = refusal(file, maxFileBytes)
      if (problem) problems.push(problem)
      else if (accepted.length < room) accepted.push(file)
    }
    if (picked.files.length - problems.length > room) {
      problems.push(t('fileTray.tooMany', { count: MAX_TRAY_FILES }))
    }
    this.error = problems.length > 0 ? problems.join(' ') : null
    if (accepted.length === 0) return
    this.adding = true
    try {
      const thumbnails = await Promise.all(accepted.map((file) => makeThumbnail(file)))
      const result = await this.#bridge.stageFiles(
        accepted,
        thumbnails.map((thumbnail) =>
          thumbnail
            ? { thumb: thumbnail.bytes, width: thumbnail.width, height: thumbnail.height }
            : null,
        ),
      )
      if (!result.ok) {
        this.error = errorText(result.error)
        return
      }
      // Main answers in the order it was handed the files.
      const added = result.value.staged.map((staged, index) => {
        const thumbnail = thumbnails[index]
        const preview = thumbnail
          ? URL.createObjectURL(new Blob([thumbnail.bytes], { type: 'image/webp' }))
          : null
        return { ...staged, preview }
      })
      this.items = [...this.items, ...added]
    } finally {
      this.adding = false
    }
  }

  /** Files from a paste (images copied from another app), named by the time. */
  async paste(picked: Picked, maxFileBytes: number): Promise<void> {
    const files = namePasted(picked.files, Date.now())
    await this.add({ files, folders: picked.folders }, maxFileBytes)
  }

  /** The native dialog (main checks each file's size against the room's). */
  async pick(): Promise<void> {
    this.error = null
    this.adding = true
    try {
      const result = await this.#bridge.pickFiles()
      if (!result.ok) this.error = errorText(result.error)
      else
        this.items = [...this.items, ...result.value.staged.map((s) => ({ ...s, preview: null }))]
    } finally {
      this.adding = false
    }
  }

  async remove(stageId: string): Promise<void> {
    const item = this.items.find((candidate) => candidate.stageId === stageId)
    this.items = this.items.filter((candidate) => candidate.stageId !== stageId)
    if (item?.preview) URL.revokeObjectURL(item.preview)
    this.error = null
    await this.#bridge.unstageFile({ stageId })
  }

  /**
   * Sends every staged file, the caption with them (on the first: main decides), and empties
   * the tray; on a refusal the files stay, with main's reason.
   */
  async send(caption: string, replyTo?: number): Promise<BridgeResult<{ transferIds: string[] }>> {
    const items = this.items
    const trimmed = caption.trim()
    const result = await this.#bridge.sendFiles({
      stageIds: items.map((item) => item.stageId),
      ...(trimmed !== '' ? { caption } : {}),
      ...(replyTo !== undefined ? { replyTo } : {}),
    })
    if (result.ok) {
      this.items = this.items.filter((item) => !items.includes(item))
      this.error = null
      for (const item of items) if (item.preview) URL.revokeObjectURL(item.preview)
    } else {
      this.error = errorText(result.error)
    }
    return result
  }

  /** Leaving the room: main forgets what was staged there. */
  clear(): void {
    for (const item of this.items) {
      if (item.preview) URL.revokeObjectURL(item.preview)
      void this.#bridge.unstageFile({ stageId: item.stageId })
    }
    this.items = []
    this.error = null
  }
}

export const fileTray = new FileTrayState(bridge)

/**
 * FakeRoom with files (#15): a stand-in for the controller's file commands, for browser-tier
 * tests of the window alone. It stages what the page hands it, turns sent files into file chats,
 * and lets the test drive transfers (progress, done, failed) as main would report them: a sent
 * file is a pending row (with the key its chat will have) from the moment it is sent until the
 * test finishes its upload (`finishUpload`). The same
 * through the real controller and hub is e2e/files.e2e.ts.
 */
import type { BridgeHandlers } from '../../src/main/bridge/dispatch'
import type { EventName, EventPayload, TimelineEntry } from '../../src/shared/bridge'
import { isExecutableName, type FileView, type Transfer } from '../../src/shared/bridge/model'
import { INLINE_IMAGE_TYPES } from '../../src/shared/protocol/files'
import { FakeRoom, ME, type FakeRoomOptions } from './fake-room'

type Chat = Extract<TimelineEntry, { kind: 'chat' }>
type Send = <K extends EventName>(name: K, payload: EventPayload<K>) => void

export interface StagedRecord {
  stageId: string
  name: string
  size: number
  type: string
  /** Crossed as bytes (no path: the harness, or a paste). */
  bytes: boolean
  thumb: Uint8Array | null
  width?: number
  height?: number
}

/** A 1×1 PNG, for the full-size view. */
export const PIXEL_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
)

export class FakeFilesRoom extends FakeRoom {
  readonly staged = new Map<string, StagedRecord>()
  transfers: Transfer[] = []
  /** Your files not sent yet, as main lists them in `pending`. */
  pending: Chat[] = []
  maxFileBytes: number
  #send: Send | null = null
  #nextStage = 1
  #nextTransfer = 1

  constructor(options: FakeRoomOptions & { maxFileBytes: number }) {
    super(options)
    this.maxFileBytes = options.maxFileBytes
    const inner = this.events
    this.events = (send: Send): (() => void) => {
      this.#send = send
      const off = inner(send)
      return () => {
        this.#send = null
        off()
      }
    }
  }

  override snapshot(): ReturnType<FakeRoom['snapshot']> {
    return { ...super.snapshot(), files: { enabled: true, maxFileBytes: this.maxFileBytes } }
  }

  /** A file chat from someone else arrives. */
  receiveFile(
    from: { clientId: string; name: string },
    file: Partial<FileView> & { name: string },
    text = file.name,
  ): Chat {
    return this.receive(from, text, { file: fileView(file) })
  }

  /** Changes a transfer as main would, and tells the window. */
  update(id: string, change: Partial<Transfer>): void {
    this.transfers = this.transfers.map((transfer) =>
      transfer.id === id ? { ...transfer, ...change } : transfer,
    )
    this.#send?.('onTransfers', this.transfers)
  }

  /** An upload is done: its pending row becomes the sent file chat, under the same key. */
  finishUpload(id: string): Chat {
    const transfer = this.transfer(id)
    const row = this.pending.find((entry) => entry.id === transfer?.chatId)
    if (!transfer || !row?.file) throw new Error(`no upload ${id}`)
    this.pending = this.pending.filter((entry) => entry !== row)
    const chat = this.receive(ME, row.text, {
      key: row.key,
      id: row.id,
      file: { ...row.file, id: `f-${row.id}`, sha256: 'b'.repeat(64) },
    })
    this.update(id, { state: 'done', done: transfer.size, seq: chat.seq })
    return chat
  }

  /** Hub events, with your files not sent yet as `pending` (as main sends every patch). */
  override push(patch: Parameters<FakeRoom['push']>[0]): void {
    this.#send?.('onTimeline', { reset: false, ...patch, pending: this.pending })
  }

  #showPending(): void {
    this.push({ confirmed: [] })
  }

  transfer(id: string): Transfer | undefined {
    return this.transfers.find((transfer) => transfer.id === id)
  }

  override handlers(): BridgeHandlers {
    const log = (name: string, args: unknown): void => {
      this.calls.push({ name, args })
    }
    const add = (transfer: Omit<Transfer, 'id'>): Transfer => {
      const made = { id: `t${this.#nextTransfer++}`, ...transfer }
      this.transfers = [...this.transfers, made]
      this.#send?.('onTransfers', this.transfers)
      return made
    }
    return {
      ...super.handlers(),
      stageFiles: (args) => {
        log('stageFiles', args)
        const staged = args.files.map((file) => {
          const record: StagedRecord = {
            stageId: `s${this.#nextStage++}`,
            name: file.name,
            size: file.bytes?.byteLength ?? 0,
            type: file.type,
            bytes: file.bytes !== undefined,
            thumb: file.thumb ? new Uint8Array(file.thumb) : null,
            ...(file.width !== undefined ? { width: file.width } : {}),
            ...(file.height !== undefined ? { height: file.height } : {}),
          }
          this.staged.set(record.stageId, record)
          return {
            stageId: record.stageId,
            name: record.name,
            size: record.size,
            type: record.type,
          }
        })
        return { staged }
      },
      unstageFile: (args) => {
        log('unstageFile', args)
        this.staged.delete(args.stageId)
        return { ok: true }
      },
      sendFiles: (args) => {
        log('sendFiles', args)
        const transferIds: string[] = []
        args.stageIds.forEach((stageId, index) => {
          const record = this.staged.get(stageId)
          if (!record) return
          this.staged.delete(stageId)
          const chatId = `up-${this.#nextTransfer}`
          const upload = add({
            direction: 'up',
            seq: null,
            chatId,
            name: record.name,
            size: record.size,
            done: 0,
            state: 'hashing',
            error: null,
            path: null,
          })
          transferIds.push(upload.id)
          const caption = index === 0 ? args.caption : undefined
          this.pending.push({
            kind: 'chat',
            key: `c:${ME.clientId}:${chatId}`,
            seq: null,
            id: chatId,
            from: ME.clientId,
            name: ME.name,
            text: caption ?? record.name,
            ts: Date.now(),
            own: true,
            status: 'pending',
            error: null,
            file: fileView({
              id: '',
              sha256: '',
              name: record.name,
              size: record.size,
              type: record.type,
              ...(record.width !== undefined ? { width: record.width } : {}),
              ...(record.height !== undefined ? { height: record.height } : {}),
              ...(record.thumb
                ? {
                    thumb: {
                      dataUrl: `data:image/webp;base64,${Buffer.from(record.thumb).toString('base64')}`,
                    },
                  }
                : {}),
            }),
          })
        })
        this.#showPending()
        return { transferIds }
      },
      downloadFile: (args) => {
        log('downloadFile', args)
        const chat = this.all.find((entry) => entry.seq === args.seq)
        const download = add({
          direction: 'down',
          seq: args.seq,
          name: chat?.file?.name ?? 'file',
          size: chat?.file?.size ?? 0,
          done: 0,
          state: 'downloading',
          error: null,
          path: null,
        })
        return { transferId: download.id }
      },
      cancelTransfer: (args) => {
        log('cancelTransfer', args)
        this.update(args.transferId, { state: 'cancelled' })
        const chatId = this.transfer(args.transferId)?.chatId
        if (chatId !== undefined) {
          this.pending = this.pending.filter((entry) => entry.id !== chatId)
          this.#showPending()
        }
        return { ok: true }
      },
      resumeTransfer: (args) => {
        log('resumeTransfer', args)
        this.update(args.transferId, { state: 'downloading', error: null })
        return { ok: true }
      },
      showInFolder: (args) => {
        log('showInFolder', args)
        return { ok: true }
      },
      openFile: (args) => {
        log('openFile', args)
        return { ok: true }
      },
      readImage: (args) => {
        log('readImage', args)
        return { bytes: new Uint8Array(PIXEL_PNG), type: 'image/png' }
      },
      chooseDownloadDir: () => {
        log('chooseDownloadDir', undefined)
        return { changed: true, downloadDir: '/home/ada/Shared from the room' }
      },
    }
  }
}

/** A file as main shows it, from what a test declares. */
export function fileView(file: Partial<FileView> & { name: string }): FileView {
  const type = file.type ?? 'application/octet-stream'
  const thumb = file.thumb
  return {
    id: file.id ?? `f-${file.name.length}-${Math.random().toString(36).slice(2, 10)}`,
    size: 1024,
    sha256: 'a'.repeat(64),
    expired: false,
    ...file,
    type,
    inlineImage: (INLINE_IMAGE_TYPES as readonly string[]).includes(type) && thumb !== undefined,
    executable: isExecutableName(file.name),
  }
}

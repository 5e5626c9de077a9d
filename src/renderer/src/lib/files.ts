/**
 * The shapes the window's file features work with (bridge contract, issue #15), and the small
 * rules about them shared by the tray and the file rows.
 */
import type { CommandResult } from '../../../shared/bridge/contract'
import type { FileView, Transfer } from '../../../shared/bridge/model'
import { fileSizeParts, type FileSizeUnit } from '../../../shared/file-size'
import { PSEUDO_LANGUAGE } from '../../../shared/i18n/languages'
import { language, t } from './i18n'

export type { FileView, Transfer }

/** A file staged in the composer, before it is sent (stageFiles' result). */
export type StagedFile = CommandResult<'stageFiles'>['staged'][number]

/** Each file's latest download, by seq: built whole from each list, never changed after. */
export function latestDownloads(list: readonly Transfer[]): ReadonlyMap<number, Transfer> {
  return new Map(
    list.flatMap((transfer) =>
      transfer.direction === 'down' && transfer.seq !== null
        ? [[transfer.seq, transfer] as const]
        : [],
    ),
  )
}

/** Uploads by their file chat's id (`chatId`), built whole from each list. */
export function uploadsByChat(list: readonly Transfer[]): ReadonlyMap<string, Transfer> {
  return new Map(
    list.flatMap((transfer) =>
      transfer.direction === 'up' && transfer.chatId !== undefined
        ? [[transfer.chatId, transfer] as const]
        : [],
    ),
  )
}

/** Still moving (or about to): a transfer the person may cancel. */
export function isActive(transfer: Transfer): boolean {
  return ['hashing', 'uploading', 'sending', 'downloading', 'verifying', 'paused'].includes(
    transfer.state,
  )
}

/** The share of the transfer done, 0..1 (a file of no bytes is done at once). */
export function fraction(transfer: Pick<Transfer, 'done' | 'size'>): number {
  if (transfer.size <= 0) return 1
  return Math.min(1, Math.max(0, transfer.done / transfer.size))
}

const UNIT_KEYS = {
  B: 'fileSize.bytes',
  KB: 'fileSize.kilobytes',
  MB: 'fileSize.megabytes',
  GB: 'fileSize.gigabytes',
  TB: 'fileSize.terabytes',
} as const satisfies Record<FileSizeUnit, string>

/**
 * A byte count in the person's language: the number through Intl ("2,1" in German), the unit
 * from the catalogue ("Mo" in French); "2.1 MB" in English, as the CLI writes it too.
 */
export function formatFileSize(bytes: number): string {
  const parts = fileSizeParts(bytes)
  if (!parts) return t('fileSize.unknown')
  const current = language()
  const number = new Intl.NumberFormat(current === PSEUDO_LANGUAGE ? 'en' : current, {
    minimumFractionDigits: parts.decimals,
    maximumFractionDigits: parts.decimals,
    // Never "1,023 B": four digits at most, as file managers write them.
    useGrouping: false,
  })
  return t(UNIT_KEYS[parts.unit], { value: number.format(parts.value) })
}

/** "1.2 MB of 4.0 MB", or what it is doing when no byte count says it. */
export function progressText(transfer: Transfer): string {
  const sizes = { done: formatFileSize(transfer.done), size: formatFileSize(transfer.size) }
  switch (transfer.state) {
    case 'hashing':
      return t('transfer.preparing')
    case 'uploading':
      // Every byte sent: the hub checks the file's SHA-256 (and, in a clustered room, stores it
      // for every hub) before it answers, which takes seconds for a large file.
      return transfer.done >= transfer.size ? t('transfer.checking') : t('transfer.progress', sizes)
    case 'verifying':
      return t('transfer.verifying')
    case 'sending':
      return t('transfer.sending')
    case 'paused':
      return t('transfer.paused', sizes)
    default:
      return t('transfer.progress', sizes)
  }
}

/** Why a file is refused before it is staged, or null. */
export function refusal(file: { name: string; size: number }, maxFileBytes: number): string | null {
  if (file.size > maxFileBytes) {
    return t('transfer.tooLarge', {
      name: file.name,
      size: formatFileSize(file.size),
      max: formatFileSize(maxFileBytes),
    })
  }
  return null
}

/** The caption to show under a file: none when it is only the file's name (sent without one). */
export function captionOf(text: string, file: Pick<FileView, 'name'>): string | null {
  return text === file.name || text.trim() === '' ? null : text
}

/** The box an inline image is drawn in, from its declared size: fixed before it loads, so the
 * row never jumps. At most `maxWidth` × `maxHeight`, never larger than the image. */
export function imageBox(
  file: Pick<FileView, 'width' | 'height'>,
  maxWidth = 320,
  maxHeight = 240,
): { width: number; height: number } {
  const width = file.width ?? maxWidth
  const height = file.height ?? maxHeight
  if (width < 1 || height < 1) return { width: maxWidth, height: maxHeight }
  const scale = Math.min(1, maxWidth / width, maxHeight / height)
  return {
    width: Math.max(16, Math.round(width * scale)),
    height: Math.max(16, Math.round(height * scale)),
  }
}

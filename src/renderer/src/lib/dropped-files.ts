/**
 * Files the person hands the window: dropped on it, or pasted (an image copied from another
 * app). Only File objects come out of here; the preload turns each into its path or its bytes
 * (the page never names a path itself).
 */
import { t } from './i18n'

/** The parts of a DataTransfer read here (a drop's dataTransfer, a paste's clipboardData). */
export interface FileCarrier {
  readonly types: readonly string[]
  readonly files: ArrayLike<File>
  readonly items?: ArrayLike<{
    readonly kind: string
    getAsFile(): File | null
    webkitGetAsEntry?(): { readonly isDirectory: boolean } | null
  }>
}

/** Whether a drag carries files (its contents are hidden until the drop; the types are not). */
export function carriesFiles(carrier: Pick<FileCarrier, 'types'> | null | undefined): boolean {
  return carrier?.types.includes('Files') ?? false
}

export interface Picked {
  files: File[]
  /** Folders in the drop: they are not shared (one file at a time). */
  folders: number
}

/** The files a drop or a paste carries, without folders. */
export function filesOf(carrier: FileCarrier | null | undefined): Picked {
  if (!carrier) return { files: [], folders: 0 }
  const items = carrier.items ? Array.from(carrier.items) : []
  const fileItems = items.filter((item) => item.kind === 'file')
  if (fileItems.length > 0) {
    const files: File[] = []
    let folders = 0
    for (const item of fileItems) {
      if (item.webkitGetAsEntry?.()?.isDirectory) {
        folders++
        continue
      }
      const file = item.getAsFile()
      if (file) files.push(file)
    }
    return { files, folders }
  }
  return { files: Array.from(carrier.files), folders: 0 }
}

/**
 * The files a paste carries, unless it carries text too: text copied from a document often
 * comes with a picture of itself, and the person meant the text.
 */
export function pastedFiles(carrier: FileCarrier | null | undefined): Picked {
  if (!carrier || carrier.types.includes('text/plain')) return { files: [], folders: 0 }
  return filesOf(carrier)
}

const EXTENSIONS: Record<string, string> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/gif': 'gif',
  'image/webp': 'webp',
}

/**
 * A pasted image's name: browsers call every one "image.png", so it gets the time it was
 * pasted ("Pasted image 2026-12-05 14.03.27.png"), which tells two apart in the room. The words
 * are in the sender's language, as a screenshot's name is; the date and time stay in the
 * sortable form that is safe in a file name everywhere.
 */
export function pastedName(type: string, now: Date): string {
  const two = (n: number): string => String(n).padStart(2, '0')
  const date = `${now.getFullYear()}-${two(now.getMonth() + 1)}-${two(now.getDate())}`
  const time = `${two(now.getHours())}.${two(now.getMinutes())}.${two(now.getSeconds())}`
  return `${t('droppedFiles.pastedImage', { date, time })}.${EXTENSIONS[type] ?? 'png'}`
}

/** Pasted files renamed as pastedName says; with several, numbered to keep them apart. */
export function namePasted(files: readonly File[], nowMs: number): File[] {
  const now = new Date(nowMs)
  return files.map((file, index) => {
    if (!file.type.startsWith('image/')) return file
    const base = pastedName(file.type, now)
    const name = files.length > 1 ? base.replace(/(\.\w+)$/, ` (${index + 1})$1`) : base
    return new File([file], name, { type: file.type, lastModified: file.lastModified })
  })
}

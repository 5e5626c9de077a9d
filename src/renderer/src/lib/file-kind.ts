/**
 * What a shared file looks like in the timeline: its kind, for the icon, read from the name's
 * extension and the declared type. Both come from the sender and are only a hint for the eye;
 * nothing about handling the file depends on them (main decides what is executable).
 */
export const FILE_KINDS = [
  'image',
  'video',
  'audio',
  'archive',
  'pdf',
  'document',
  'code',
  'executable',
  'file',
] as const
export type FileKind = (typeof FILE_KINDS)[number]

const BY_EXTENSION: Record<string, FileKind> = {}
function add(kind: FileKind, extensions: string): void {
  for (const extension of extensions.split(' ')) BY_EXTENSION[extension] = kind
}
add('image', 'png jpg jpeg gif webp svg bmp tif tiff heic heif avif ico')
add('video', 'mp4 mkv mov avi webm m4v wmv mpg mpeg')
add('audio', 'mp3 wav flac ogg oga opus m4a aac wma')
add('archive', 'zip 7z rar tar gz tgz bz2 xz zst iso')
add('pdf', 'pdf')
add('document', 'doc docx odt rtf txt md xls xlsx ods csv ppt pptx odp epub pages numbers key')
add('code', 'json xml yaml yml toml ini html css ts tsx py rb go rs c h cpp java kt swift')
add(
  'executable',
  'exe msi bat cmd com scr ps1 vbs js jar app dmg pkg sh run appimage deb rpm desktop lnk reg',
)

export function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.')
  return dot > 0 && dot < name.length - 1 ? name.slice(dot + 1).toLowerCase() : ''
}

export function fileKind(name: string, type: string): FileKind {
  const byName = BY_EXTENSION[extensionOf(name)]
  if (byName) return byName
  const family = type.split('/')[0]
  if (family === 'image' || family === 'video' || family === 'audio') return family
  if (type === 'application/pdf') return 'pdf'
  if (type.startsWith('text/')) return 'document'
  return 'file'
}

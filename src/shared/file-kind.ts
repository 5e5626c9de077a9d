/**
 * What a file's name says it is: a program (opening it runs code: the window warns first and
 * main refuses without the confirmation), and its kind, for the icon. The name and the declared
 * type come from the sender: the kind is only a hint for the eye, while "executable" is decided
 * here, once, for main and the window alike.
 */

/** File name extensions treated as programs or installers (lowercase, without the dot). */
export const EXECUTABLE_EXTENSIONS = [
  'exe',
  'msi',
  'msix',
  'appx',
  'bat',
  'cmd',
  'com',
  'scr',
  'pif',
  'cpl',
  'ps1',
  'psm1',
  'vbs',
  'vbe',
  'js',
  'jse',
  'wsf',
  'wsh',
  'hta',
  'jar',
  'app',
  'dmg',
  'pkg',
  'mpkg',
  'command',
  'sh',
  'bash',
  'zsh',
  'csh',
  'run',
  'bin',
  'appimage',
  'deb',
  'rpm',
  'desktop',
  'lnk',
  'url',
  'reg',
  'inf',
  'msp',
  'gadget',
  'workflow',
  'action',
  'apk',
  'py',
  'pl',
  'rb',
  'xpi',
  'crx',
  // Windows runs or mounts these too: help files, disk images (whose contents lose the
  // download's mark), shortcuts and shell commands, Java Web Start, management consoles,
  // ClickOnce, and Office files with macros.
  'chm',
  'iso',
  'img',
  'vhd',
  'vhdx',
  'scf',
  'library-ms',
  'settingcontent-ms',
  'appref-ms',
  'application',
  'appinstaller',
  'appxbundle',
  'msixbundle',
  'diagcab',
  'search-ms',
  'xll',
  'jnlp',
  'msc',
  'docm',
  'dotm',
  'xlsm',
  'xltm',
  'xlam',
  'pptm',
  'potm',
  'ppam',
  // macOS: a Terminal window that runs a command; web and internet locations.
  'terminal',
  'webloc',
  'inetloc',
] as const

const EXECUTABLE: ReadonlySet<string> = new Set(EXECUTABLE_EXTENSIONS)

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

const BY_EXTENSION = new Map<string, FileKind>()
function add(kind: Exclude<FileKind, 'executable'>, extensions: string): void {
  for (const extension of extensions.split(' ')) BY_EXTENSION.set(extension, kind)
}
add('image', 'png jpg jpeg gif webp svg bmp tif tiff heic heif avif ico')
add('video', 'mp4 mkv mov avi webm m4v wmv mpg mpeg')
add('audio', 'mp3 wav flac ogg oga opus m4a aac wma')
add('archive', 'zip 7z rar tar gz tgz bz2 xz zst')
add('pdf', 'pdf')
add('document', 'doc docx odt rtf txt md xls xlsx ods csv ppt pptx odp epub pages numbers key')
add('code', 'json xml yaml yml toml ini html css ts tsx c h cpp java kt swift go rs')

/**
 * The name's extension, lowercase, without the dot: '' when it has none (a dot file such as
 * `.bashrc` has none). Trailing dots and spaces do not count: Windows drops them, so
 * `setup.exe.` is saved, and runs, as `setup.exe`.
 */
export function extensionOf(name: string): string {
  const trimmed = name.replace(/[. ]+$/, '')
  const dot = trimmed.lastIndexOf('.')
  return dot > 0 && dot < trimmed.length - 1 ? trimmed.slice(dot + 1).toLowerCase() : ''
}

/** Whether opening a file of this name would run code (EXECUTABLE_EXTENSIONS). */
export function isExecutableName(name: string): boolean {
  // A name that is only an extension (".exe") is one to Windows.
  return EXECUTABLE.has(extensionOf(name) || extensionOf(`x${name}`))
}

export function fileKind(name: string, type: string): FileKind {
  if (isExecutableName(name)) return 'executable'
  const byName = BY_EXTENSION.get(extensionOf(name))
  if (byName) return byName
  const family = type.split('/')[0]
  if (family === 'image' || family === 'video' || family === 'audio') return family
  if (type === 'application/pdf') return 'pdf'
  if (type.startsWith('text/')) return 'document'
  return 'file'
}

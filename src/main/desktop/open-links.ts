/**
 * `lanroom://` links reaching the app: from the command line that started it (Windows, Linux),
 * from a second start while it runs (`second-instance`'s argv), or from macOS (`open-url`). Each
 * is read by the strict grammar (src/shared/lanroom-link.ts); a refused one is logged and said in
 * a notice, never acted on. An accepted one brings the window forward and is handed to it as the
 * `onOpenLink` event, which only fills the join step: joining still takes the person's click.
 *
 * The window may not be listening yet (the link started the app): the newest link waits until
 * index.ts says the page has loaded (windowReady), and is sent then.
 */
import type { EventSink } from '../bridge/batcher'
import type { Logger } from '../hub/logger'
import {
  LANROOM_SCHEME,
  LINK_LIMITS,
  parseLanroomLink,
  type LinkResult,
} from '../../shared/lanroom-link'

/** Arguments looked at in a command line at most (a second start's argv is anyone's to make). */
const MAX_ARGS = 64
const SCHEME_ARG = new RegExp(`^${LANROOM_SCHEME}:`, 'i')

/**
 * The link in a command line (argv of this start, or of a second one): the first argument in the
 * lanroom: scheme, however long (the grammar refuses what is too long), or null.
 */
export function linkInArgv(argv: readonly unknown[]): string | null {
  for (const arg of argv.slice(0, MAX_ARGS)) {
    if (typeof arg === 'string' && SCHEME_ARG.test(arg)) return arg
  }
  return null
}

export interface LinkInboxOptions {
  /** Where the event goes (the window's webContents in the app, the page in the harness). */
  sink: EventSink
  /** Brings the window forward (shows it if it was hidden in the tray). */
  show: () => void
  logger: Logger
}

export class LinkInbox {
  private ready = false
  private pending: string | null = null

  constructor(private readonly options: LinkInboxOptions) {}

  /** A link from outside: read it, then hand it to the window (now, or once it listens). */
  open(url: string): LinkResult {
    const link = parseLanroomLink(url)
    if (!link.ok) {
      const shown = url.length > 80 ? `${url.slice(0, 80)}…` : url
      this.options.logger.warn({ code: link.code }, `link refused: ${JSON.stringify(shown)}`)
      this.options.sink('onNotice', {
        level: 'error',
        code: link.code,
        message: `This link cannot be opened. ${link.message}`,
      })
      this.options.show()
      return link
    }
    this.pending = link.target
    this.options.show()
    this.deliver()
    return link
  }

  /** The link in a command line, if there is one (the app's own start, or a second one's). */
  openFromArgv(argv: readonly unknown[]): LinkResult | null {
    const url = linkInArgv(argv)
    return url === null ? null : this.open(url.slice(0, LINK_LIMITS.maxLength + 1))
  }

  /** The page has loaded and listens for onOpenLink: a waiting link goes now. */
  windowReady(): void {
    this.ready = true
    this.deliver()
  }

  /** The page is gone or reloading: links wait again. */
  windowGone(): void {
    this.ready = false
  }

  private deliver(): void {
    if (!this.ready || this.pending === null) return
    const join = this.pending
    this.pending = null
    this.options.sink('onOpenLink', { join })
  }
}

/**
 * How to register as the lanroom: handler at run time, or null when the installer already did
 * (macOS Info.plist, the Windows installer, a Linux package's desktop entry). A development run
 * (Electron started with the app's folder, `process.defaultApp`) registers Electron with that
 * folder as its argument; an AppImage, which nothing installed, registers itself.
 */
export function protocolClientRegistration(context: {
  platform: NodeJS.Platform
  defaultApp: boolean
  /** The app's folder in a development run (process.argv[1]), absolute. */
  appPath: string | undefined
  appImage: boolean
}): { args: string[] } | null {
  if (context.defaultApp) return context.appPath ? { args: [context.appPath] } : null
  if (context.platform === 'linux' && context.appImage) return { args: [] }
  return null
}

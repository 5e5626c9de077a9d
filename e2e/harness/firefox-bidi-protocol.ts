/**
 * The part of WebDriver BiDi (https://w3c.github.io/webdriver-bidi/) that the Firefox driver
 * (firefox-bidi.ts) speaks: the commands it sends with their params and results, the values
 * it reads, and its errors.
 */

/** A stable code and a readable sentence, as errors crossing a boundary carry. */
export class BidiError extends Error {
  constructor(
    readonly code:
      | 'bidi_launch'
      | 'bidi_timeout'
      | 'bidi_command'
      | 'bidi_exception'
      | 'bidi_wait_timeout'
      | 'bidi_closed',
    message: string,
  ) {
    super(message)
    this.name = 'BidiError'
  }
}

export type Json = string | number | boolean | null | Json[] | { [key: string]: Json }
export interface Viewport {
  width: number
  height: number
}
export type Empty = Record<string, never>
export interface RemoteValue {
  type: string
  value?: unknown
  sharedId?: string
}
export type EvaluateResult =
  | { type: 'success'; result: RemoteValue }
  | { type: 'exception'; exceptionDetails: { text: string } }
export type KeyAction = { type: 'keyDown' | 'keyUp'; value: string }
type PointerAction =
  | { type: 'pointerMove'; x: 0; y: 0; origin: { type: 'element'; element: { sharedId: string } } }
  | { type: 'pointerDown' | 'pointerUp'; button: 0 }
export type SourceActions =
  | { type: 'key'; id: string; actions: KeyAction[] }
  | { type: 'pointer'; id: string; parameters: { pointerType: 'mouse' }; actions: PointerAction[] }

/** The commands this driver sends: [params, result]. */
export interface Commands {
  'session.new': [
    { capabilities: { alwaysMatch: { acceptInsecureCerts: boolean } } },
    { sessionId: string; capabilities: { browserName: string; browserVersion: string } },
  ]
  'session.subscribe': [{ events: string[] }, Empty]
  'browser.close': [Empty, Empty]
  'browsingContext.create': [{ type: 'tab' }, { context: string }]
  'browsingContext.navigate': [{ context: string; url: string; wait: 'complete' }, { url: string }]
  'browsingContext.setViewport': [{ context: string; viewport: Viewport }, Empty]
  'browsingContext.captureScreenshot': [{ context: string }, { data: string }]
  'script.callFunction': [
    {
      functionDeclaration: string
      awaitPromise: true
      target: { context: string }
      arguments: Array<{ type: 'string'; value: string }>
    },
    EvaluateResult,
  ]
  'input.performActions': [{ context: string; actions: SourceActions[] }, Empty]
}
export type Method = keyof Commands

/** What Firefox sends: an answer to a command, or an event. */
export interface Incoming {
  type?: unknown
  id?: unknown
  result?: unknown
  error?: unknown
  message?: unknown
  method?: unknown
  params?: { type?: unknown; text?: unknown }
}

import { SCHEMAS, WS_PATH } from '../../shared/protocol'
import type { InspectedRoom } from '../../main/controller/inspect'

/** Longest /info body read: the real one is a few hundred bytes. */
const MAX_INFO_BYTES = 16 * 1024
const INFO_TIMEOUT_MS = 8_000

export interface WebInspectOptions {
  /** The page's own origin (`location`): the only hub a guest page can reach. */
  origin: { protocol: string; host: string }
  fetch: typeof fetch
}

/**
 * The guest page's inspect (the app's is controller/inspect.ts): reads `/info` of the hub that
 * served the page, bounded in time and size and checked against the protocol's schema. The
 * fingerprint is the one the hub says it has: the page cannot see its connection's certificate,
 * so the lobby shows it next to the one the guest link carries.
 */
export function webInspect(options: WebInspectOptions) {
  return async (address: URL): Promise<InspectedRoom> => {
    const { host, protocol } = options.origin
    if (address.host !== host) {
      throw new Error(`A browser page can only join the room that served it (${host}).`)
    }
    let response: Response
    try {
      response = await options.fetch('/info', {
        cache: 'no-store',
        signal: AbortSignal.timeout(INFO_TIMEOUT_MS),
      })
    } catch (error) {
      throw new Error(`No LAN Room answers at ${host} (${(error as Error).message}).`, {
        cause: error,
      })
    }
    // A body announced (or found) too long is not read on: the real one is a few hundred bytes.
    const announced = Number(response.headers.get('content-length') ?? 0)
    const text = announced > MAX_INFO_BYTES ? '' : await response.text()
    if (!response.ok || announced > MAX_INFO_BYTES || text.length > MAX_INFO_BYTES) {
      throw new Error(`No LAN Room answers at ${host} (HTTP ${response.status}).`)
    }
    let json: unknown
    try {
      json = JSON.parse(text)
    } catch {
      json = null
    }
    const parsed = SCHEMAS.info.safeParse(json)
    if (!parsed.success) {
      throw new Error(`${host} answered, but not as a LAN Room of this version.`)
    }
    const secure = protocol === 'https:'
    return {
      url: `${secure ? 'wss' : 'ws'}://${host}${WS_PATH}`,
      info: parsed.data,
      fingerprint: secure ? parsed.data.fingerprint : null,
    }
  }
}

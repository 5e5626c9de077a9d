import { get } from 'node:http'
import { isIPv6 } from 'node:net'
import { INFO_PATH } from '../../shared/protocol'

/** The most the directory reads of a room's /info: it is untrusted, and small when honest. */
const MAX_INFO_BYTES = 16 * 1024

/**
 * GET http://address:port/info with a deadline. Resolves with the parsed JSON body of a 200
 * response, or null when the room does not answer in time, answers otherwise, or sends too
 * much.
 */
export function fetchInfo(address: string, port: number, timeoutMs: number): Promise<unknown> {
  return new Promise((resolve) => {
    let done = false
    const finish = (value: unknown): void => {
      if (done) return
      done = true
      clearTimeout(timer)
      request.destroy()
      resolve(value)
    }
    const request = get(
      {
        // A scoped IPv6 link-local address (fe80::1%eth0) is passed as is: Node understands it.
        host: address,
        port,
        path: INFO_PATH,
        family: isIPv6(address.split('%')[0] ?? '') ? 6 : 4,
        headers: { accept: 'application/json' },
        agent: false,
      },
      (response) => {
        if (response.statusCode !== 200) return finish(null)
        const chunks: Buffer[] = []
        let size = 0
        response.on('data', (chunk: Buffer) => {
          size += chunk.length
          if (size > MAX_INFO_BYTES) return finish(null)
          chunks.push(chunk)
        })
        response.on('end', () => {
          try {
            finish(JSON.parse(Buffer.concat(chunks).toString('utf8')))
          } catch {
            finish(null)
          }
        })
        response.on('error', () => finish(null))
      },
    )
    request.on('error', () => finish(null))
    const timer = setTimeout(() => finish(null), timeoutMs)
  })
}

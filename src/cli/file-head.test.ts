import net from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { FileError, type FileTarget } from '../main/files'
import { dispositionName, fileHead } from './file-head'

const ID = 'a1b2c3d4e5f60718293a4b5c6d7e8f90'

/** A hostile hub on 127.0.0.1: it answers every request with a status line, then drips one
 * header byte every `everyMs`, never ending the header (each byte keeps the idle timeout off). */
async function drippingHub(everyMs: number) {
  const sockets = new Set<net.Socket>()
  const timers = new Set<NodeJS.Timeout>()
  let connections = 0
  let requested: () => void = () => {}
  const request = new Promise<void>((resolve) => {
    requested = resolve
  })
  const server = net.createServer()
  const closed = new Promise<void>((resolveClosed) => {
    server.on('connection', (socket) => {
      connections++
      sockets.add(socket)
      socket.on('error', () => {})
      socket.once('data', () => {
        socket.write('HTTP/1.1 200 OK\r\nX-Drip: ')
        const timer = setInterval(() => socket.write('a'), everyMs)
        timers.add(timer)
        requested()
      })
      socket.once('close', () => resolveClosed())
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as net.AddressInfo
  const target: FileTarget = {
    origin: `http://127.0.0.1:${port}`,
    token: () => 'token',
    fingerprint: null,
  }
  const stop = async (): Promise<void> => {
    for (const timer of timers) clearInterval(timer)
    for (const socket of sockets) socket.destroy()
    await new Promise((resolve) => server.close(resolve))
  }
  return { target, request, closed, stop, connections: () => connections }
}

const stops: Array<() => Promise<void>> = []
afterEach(async () => {
  for (const stop of stops.splice(0)) await stop()
})

/** The FileError `promise` rejects with (or fails the test). */
async function fileError(promise: Promise<unknown>): Promise<FileError> {
  const error: unknown = await promise.then(
    () => null,
    (reason: unknown) => reason,
  )
  if (!(error instanceof FileError)) throw new Error(`expected a FileError, got ${String(error)}`)
  return error
}

describe('fileHead', () => {
  it('ends at once when its signal aborts, however slowly the hub drips its header', async () => {
    const hub = await drippingHub(20)
    stops.push(hub.stop)
    const abort = new AbortController()
    const head = fileHead(hub.target, ID, { signal: abort.signal })
    await hub.request
    await new Promise((resolve) => setTimeout(resolve, 100))
    const started = Date.now()
    abort.abort()
    const error = await fileError(head)
    expect(error.code).toBe('cancelled')
    expect(Date.now() - started).toBeLessThan(1_000)
    // The connection is closed, not left to drip.
    await hub.closed
  })

  it('does not connect when its signal has already aborted', async () => {
    const hub = await drippingHub(20)
    stops.push(hub.stop)
    const abort = new AbortController()
    abort.abort()
    const error = await fileError(fileHead(hub.target, ID, { signal: abort.signal }))
    expect(error.code).toBe('cancelled')
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(hub.connections()).toBe(0)
  })

  it('gives up at its deadline, whatever the hub keeps dripping', async () => {
    const hub = await drippingHub(20)
    stops.push(hub.stop)
    const started = Date.now()
    const error = await fileError(fileHead(hub.target, ID, { deadlineMs: 300 }))
    expect(error.code).toBe('network')
    expect(error.message).toBe('The room did not answer about the file within 0.3 s.')
    expect(Date.now() - started).toBeGreaterThanOrEqual(290)
    expect(Date.now() - started).toBeLessThan(3_000)
    await hub.closed
  })
})

describe('dispositionName', () => {
  it('prefers the UTF-8 name, and falls back to the quoted ASCII one', () => {
    expect(
      dispositionName(`attachment; filename="r_sum_.pdf"; filename*=UTF-8''r%C3%A9sum%C3%A9.pdf`),
    ).toBe('résumé.pdf')
    expect(dispositionName('attachment; filename="report.pdf"')).toBe('report.pdf')
  })

  it('refuses what a member could not declare, and anything malformed', () => {
    expect(dispositionName(`attachment; filename*=UTF-8''..%2F..%2Fetc%2Fpasswd`)).toBeNull()
    expect(dispositionName(`attachment; filename*=UTF-8''%E2%80%AEgnp.exe`)).toBeNull()
    expect(dispositionName(`attachment; filename*=UTF-8''%E0%A4%A`)).toBeNull()
    expect(dispositionName('attachment')).toBeNull()
    expect(dispositionName(undefined)).toBeNull()
  })
})

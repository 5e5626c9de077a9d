import type { EventEmitter } from 'node:events'
import { Bonjour } from 'bonjour-service'

/**
 * A bonjour-service instance whose socket errors are reported instead of thrown.
 *
 * multicast-dns emits 'error' when it cannot bind port 5353 (EACCES, EADDRINUSE), and
 * bonjour-service attaches no listener, so the error would crash the process. Discovery
 * failing is normal on many networks; it must never take the app down. bonjour-service keeps
 * its multicast-dns instance private, hence the one cast below.
 */
export function createBonjour(onError: (error: Error) => void): Bonjour {
  const bonjour = new Bonjour({}, (error: Error) => onError(error))
  const mdns = (bonjour as unknown as { server: { mdns: EventEmitter } }).server.mdns
  mdns.on('error', (error: Error) => onError(error))
  // Warnings are send/receive failures on one interface (no route, interface gone): routine.
  mdns.on('warning', () => {})
  return bonjour
}

export function destroyBonjour(bonjour: Bonjour): Promise<void> {
  return new Promise((resolve) => {
    try {
      bonjour.destroy(() => resolve())
    } catch {
      resolve()
    }
  })
}

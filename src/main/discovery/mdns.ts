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
export function createBonjour(onError: (error: Error) => void, address?: string): Bonjour {
  // On one interface: bound to every address all the same, because a socket bound to a unicast
  // address receives no multicast on Linux; `interface` picks where it joins the group and sends.
  const options = address === undefined ? {} : { interface: address, bind: '0.0.0.0' }
  // bonjour-service hands its options to multicast-dns but types them as a service's.
  type Options = ConstructorParameters<typeof Bonjour>[0]
  const bonjour = new Bonjour(options as unknown as Options, (error: Error) => onError(error))
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

/**
 * The bonjour-service instances for where mDNS runs (interfaces.ts multicastAddresses): one
 * for every interface (null), or one per chosen interface address. None at all when the
 * selection chose nothing: then no room is advertised or browsed.
 */
export function createBonjours(
  addresses: readonly string[] | null,
  onError: (error: Error) => void,
): Bonjour[] {
  if (addresses === null) return [createBonjour(onError)]
  return addresses.map((address) => createBonjour(onError, address))
}

/**
 * Lets Node exit while only this timer is left. In a browser (the guest page) a timer is a plain
 * number, with nothing to unref: the same controller code runs there too.
 */
export function unref<T>(timer: T): T {
  const handle = timer as { unref?: () => unknown }
  if (typeof handle === 'object' && typeof handle.unref === 'function') handle.unref()
  return timer
}

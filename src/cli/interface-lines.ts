import {
  AUTO_SELECTION,
  chooseInterfaces,
  type InterfaceSelection,
  type LocalInterface,
} from '../main/discovery/interfaces'

/** `--interface NAME`…: those named, or the default ones when none is. */
export function selectionOf(names: readonly string[] | undefined): InterfaceSelection {
  return names && names.length > 0 ? { mode: 'names', names } : AUTO_SELECTION
}

/**
 * Why some interfaces named with `--interface` are not used (`searched` by `rooms`, `used to
 * announce the room` by `host`), a line per reason: loopback ones never are (chooseInterfaces
 * leaves them out), the others are not up with an IPv4 address.
 */
export function unusedInterfaceLines(
  all: readonly LocalInterface[],
  names: readonly string[],
  use = 'searched',
): string[] {
  const chosen = new Set(chooseInterfaces(all, selectionOf(names)).map((i) => i.name))
  const unused = [...new Set(names)].filter((name) => !chosen.has(name))
  const loopback = unused.filter((name) => all.some((i) => i.name === name && i.internal))
  const down = unused.filter((name) => !loopback.includes(name))
  const known = `(interfaces: ${all.map((i) => i.name).join(', ')})`
  return [
    ...(loopback.length > 0
      ? [`a loopback interface is not ${use}: ${loopback.join(', ')} ${known}`]
      : []),
    ...(down.length > 0 ? [`not up with an IPv4 address: ${down.join(', ')} ${known}`] : []),
  ]
}

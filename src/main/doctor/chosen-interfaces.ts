import { chooseInterfaces, listInterfaces, type LocalInterface } from '../discovery/interfaces'
import type { DoctorContext } from './check'

/** An IPv4 address of an interface that rooms are advertised and browsed on. */
export interface ChosenAddress {
  name: string
  address: string
  prefix: number
}

/** The machine's interfaces, and the ones rooms use (the interfaces setting). */
export function interfaceChoice(context: Pick<DoctorContext, 'interfaces' | 'selection'>): {
  all: LocalInterface[]
  chosen: LocalInterface[]
} {
  const all = listInterfaces({ interfaces: context.interfaces })
  return { all, chosen: chooseInterfaces(all, context.selection) }
}

/** The IPv4 addresses of the interfaces rooms are advertised and browsed on. */
export function chosenInterfaces(
  context: Pick<DoctorContext, 'interfaces' | 'selection'>,
): ChosenAddress[] {
  return interfaceChoice(context).chosen.flatMap((iface) =>
    iface.ipv4.map((entry) => ({ name: iface.name, address: entry.address, prefix: entry.prefix })),
  )
}

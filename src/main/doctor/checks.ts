import type { CheckTable } from './check'
import { checkFirewall } from './check-firewall'
import { checkInterfaces } from './check-interfaces'
import { checkMdnsPort } from './check-mdns-port'
import { checkMulticast } from './check-multicast'
import { checkRoom } from './check-room'
import { checkVpn } from './check-vpn'

/** Every check, by id (the report's order is DOCTOR_CHECK_IDS'). */
export const CHECKS: CheckTable = {
  interfaces: checkInterfaces,
  multicast: checkMulticast,
  'mdns-port': checkMdnsPort,
  firewall: (context) => checkFirewall(context),
  vpn: checkVpn,
  room: (context) => checkRoom(context),
}

import { describe, expect, it } from 'vitest'
import { DEFAULT_PORT } from '../../shared/protocol'
import { encodeRoomCode } from '../../shared/protocol/room-code'
import { doctorContext } from './context'

describe('the ports whose firewall rules the doctor reads', () => {
  it('are the default port and the port of the room asked about, by address or by room code', () => {
    expect(doctorContext(0).tcpPorts).toEqual([DEFAULT_PORT])
    expect(doctorContext(0, { target: '10.0.0.2:47811' }).tcpPorts).toEqual([DEFAULT_PORT, 47_811])
    const code = encodeRoomCode({ address: '10.0.0.2', port: 47_812, fingerprint: 'ab'.repeat(32) })
    expect(doctorContext(0, { target: code }).tcpPorts).toEqual([DEFAULT_PORT, 47_812])
    expect(doctorContext(0, { target: 'Kitchen' }).tcpPorts).toEqual([DEFAULT_PORT])
  })
})

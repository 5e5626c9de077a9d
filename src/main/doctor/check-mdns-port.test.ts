import { describe, expect, it } from 'vitest'
import { socketInodes } from './check-mdns-port'

describe('the mDNS port’s holders', () => {
  it('finds the sockets bound to port 5353 in /proc/net/udp (recorded)', () => {
    const table = [
      '   sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops',
      '  133: 00000000:14E9 00000000:0000 07 00000000:00000000 00:00000000 00000000   107        0 23145 2 0000000000000000 0',
      '  420: 3500007F:0035 00000000:0000 07 00000000:00000000 00:00000000 00000000   102        0 20511 2 0000000000000000 0',
      '  900: FB0000E0:14E9 00000000:0000 07 00000000:00000000 00:00000000 00000000  1000        0 88812 2 0000000000000000 0',
      'garbage line',
      '',
    ].join('\n')
    expect(socketInodes(table, 5353)).toEqual(['23145', '88812'])
    expect(socketInodes(table, 53)).toEqual(['20511'])
    expect(socketInodes('', 5353)).toEqual([])
  })
})

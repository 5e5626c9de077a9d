import { describe, expect, it } from 'vitest'
import { statusLines, type ClusterStatus, type HubStatus } from './cluster-status'

const HUB: HubStatus = {
  hubId: 'hubA',
  address: 'wss://10.0.0.1:47800/ws',
  urls: [],
  appliedSeq: 5,
  lag: 0,
  heartbeatAgeMs: 1200,
  members: [],
}

function report(hubs: HubStatus[], stream: ClusterStatus['stream'] = null): string[] {
  const status: ClusterStatus = {
    room: { id: 'room', name: 'Lab', epoch: 'epoch', fingerprint: null, passphrase: false },
    stream,
    hubs,
    truncated: false,
    problems: [],
  }
  // The stream's line when there is one, and the indented lines of replicas and hubs.
  const shown = (line: string): boolean =>
    line.startsWith('  ') || (stream !== null && line.startsWith('Stream:'))
  return statusLines(status).filter(shown)
}

describe('statusLines', () => {
  it("lists each hub's join URLs besides its address, when it said them", () => {
    const urls = ['wss://10.0.0.1:47800/ws', 'wss://10.0.1.1:47800/ws', 'wss://127.0.0.1:47800/ws']
    expect(report([HUB, { ...HUB, hubId: 'hubB', urls }])).toEqual([
      '  hub hubA: wss://10.0.0.1:47800/ws, 0 members, applied seq 5 (lag 0), heartbeat 1.2 s ago',
      '  hub hubB: wss://10.0.0.1:47800/ws, 0 members, applied seq 5 (lag 0), heartbeat 1.2 s ago',
      '    also at wss://10.0.1.1:47800/ws, wss://127.0.0.1:47800/ws',
    ])
  })

  it('counts in words that agree with the number: 1 member, 1 message, 1 replica', () => {
    const member = { name: 'Ann', clientId: 'ann', joinedAt: 0 }
    const replica = { name: 'n1', leader: true, current: true, offline: false, lag: 0 }
    const stream = {
      name: 'LANROOM_room',
      lastSeq: 1,
      messages: 1,
      replicaCount: 1,
      replicas: [replica],
    }
    expect(report([{ ...HUB, members: [member] }], stream)).toEqual([
      'Stream: LANROOM_room, last seq 1, 1 message, 1 replica',
      '  replica n1: leader, lag 0',
      '  hub hubA: wss://10.0.0.1:47800/ws, 1 member, applied seq 5 (lag 0), heartbeat 1.2 s ago',
      '    Ann (ann)',
    ])
  })
})

describe("statusLines' stream", () => {
  it("counts the replicas the stream's config asks for, not the servers the cluster lists", () => {
    // A nats-server outside a cluster names no replica at all (the stream has one copy); a
    // cluster names its leader and followers.
    const lines = statusLines({
      room: { id: 'room', name: 'Lab', epoch: 'epoch', fingerprint: null, passphrase: false },
      stream: { name: 'LANROOM_room', lastSeq: 2, messages: 2, replicaCount: 1, replicas: [] },
      hubs: [],
      truncated: false,
      problems: [],
    })
    expect(lines[2]).toBe('Stream: LANROOM_room, last seq 2, 2 messages, 1 replica')
    expect(lines[3]).toBe('Hubs: 0, members: 0')
  })
})

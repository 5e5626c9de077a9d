import { describe, expect, it } from 'vitest'
import type { HubMessage, Member } from '../../shared/protocol'
import { RemoteMembers } from './remote-members'

function member(name: string, clientId = `${name.toLowerCase()}-client`): Member {
  return { clientId, name, host: false }
}

/** A RemoteMembers attached to a room whose local members are `local`. */
function attached(local: Set<string> = new Set()) {
  const told: HubMessage[] = []
  const list: string[] = []
  const remote = new RemoteMembers()
  remote.attach({
    has: (clientId) => local.has(clientId),
    listChanged: (added) => list.push(added ? `added:${added.name}` : 'changed'),
    broadcast: (message) => told.push(message),
  })
  return { remote, told, list, local }
}

describe('remote members', () => {
  it('tells a member once however many hubs list it, and left when the last one stops', () => {
    const { remote, told, list } = attached()
    remote.put('hubA', member('Mo'))
    remote.put('hubB', member('Mo'))
    expect(told).toEqual([{ type: 'joined', member: member('Mo') }])
    expect(list).toEqual(['added:Mo'])
    expect([...remote.listed()]).toEqual([member('Mo')])
    remote.remove('hubA', 'mo-client', 'left')
    expect(told).toHaveLength(1)
    remote.remove('hubB', 'mo-client', 'lost')
    expect(told.at(-1)).toEqual({ type: 'left', clientId: 'mo-client', name: 'Mo', reason: 'lost' })
    expect([...remote.listed()]).toEqual([])
    // A hub that never listed it: nothing.
    remote.remove('hubC', 'mo-client', 'left')
    expect(told).toHaveLength(2)
  })

  it('tells a rename by the latest listing, and what remains when a hub stops listing it', () => {
    const { remote, told } = attached()
    remote.put('hubA', member('Mo', 'mo-client'))
    remote.put('hubB', member('Moe', 'mo-client'))
    expect(told.at(-1)).toEqual({ type: 'renamed', member: member('Moe', 'mo-client') })
    remote.remove('hubB', 'mo-client', 'left')
    expect(told.at(-1)).toEqual({ type: 'renamed', member: member('Mo', 'mo-client') })
    expect(remote.get('mo-client')?.name).toBe('Mo')
  })

  it('tells nothing of a member that is also on this hub, and lists it once (as local)', () => {
    const { remote, told, local } = attached(new Set(['mo-client']))
    remote.put('hubA', member('Mo'))
    remote.put('hubA', member('Moe', 'mo-client'))
    remote.remove('hubA', 'mo-client', 'left')
    expect(told).toEqual([])
    local.clear()
    remote.put('hubB', member('Bo'))
    expect(told).toEqual([{ type: 'joined', member: member('Bo') }])
  })

  it('relays typing of listed members only, and publishes its own', () => {
    const { remote, told } = attached()
    remote.remoteTyping('ghost-client', true)
    expect(told).toEqual([])
    remote.put('hubA', member('Ty'))
    remote.remoteTyping('ty-client', true)
    expect(told.at(-1)).toEqual({ type: 'typing', clientId: 'ty-client', name: 'Ty', active: true })
    const published: string[] = []
    remote.publishTo({
      joined: (m) => published.push(`joined:${m.name}`),
      left: (clientId) => published.push(`left:${clientId}`),
      typing: (clientId, active) => published.push(`typing:${clientId}:${active}`),
    })
    remote.joined(member('Own'))
    remote.typing('own-client', true)
    remote.left('own-client')
    expect(published).toEqual(['joined:Own', 'typing:own-client:true', 'left:own-client'])
  })
})

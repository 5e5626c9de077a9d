import { describe, expect, it } from 'vitest'
import type { EventName, EventPayload } from '../../shared/bridge'
import { SILENT_LOGGER } from '../hub/logger'
import { LinkInbox, linkInArgv, protocolClientRegistration } from './open-links'

const CODE = '004A-3P7V-C1TD-4TAQ'

function inbox(): { links: LinkInbox; sent: string[]; shown: () => number } {
  const sent: string[] = []
  let shown = 0
  const links = new LinkInbox({
    sink: <K extends EventName>(name: K, payload: EventPayload<K>) =>
      sent.push(`${name} ${JSON.stringify(payload)}`),
    show: () => shown++,
    logger: SILENT_LOGGER,
  })
  return { links, sent, shown: () => shown }
}

describe('linkInArgv', () => {
  it("finds the link in a second start's command line, wherever Chromium put its flags", () => {
    expect(
      linkInArgv([
        'C:\\LAN Room\\LAN Room.exe',
        '--allow-file-access-from-files',
        '--original-process-start-time=1',
        `lanroom://join/${CODE}`,
      ]),
    ).toBe(`lanroom://join/${CODE}`)
    expect(linkInArgv(['/usr/bin/electron', '.', 'LANROOM://join/10.0.0.1:47800'])).toBe(
      'LANROOM://join/10.0.0.1:47800',
    )
  })

  it('is null without one, and looks at a bounded number of arguments', () => {
    expect(linkInArgv(['lanroom', '--hidden'])).toBeNull()
    expect(linkInArgv([])).toBeNull()
    expect(linkInArgv([...Array<string>(64).fill('x'), `lanroom://join/${CODE}`])).toBeNull()
    expect(linkInArgv([42, null, {}, 'https://example.com'])).toBeNull()
  })
})

describe('LinkInbox', () => {
  it('waits until the window listens, then sends the newest link once', () => {
    const { links, sent, shown } = inbox()
    links.open('lanroom://join/10.0.0.1:47800')
    links.open(`lanroom://join/${CODE.toLowerCase()}`)
    expect(sent).toEqual([])
    expect(shown()).toBe(2)
    links.windowReady()
    expect(sent).toEqual([`onOpenLink {"join":"${CODE}"}`])
    links.windowReady()
    expect(sent).toHaveLength(1)
  })

  it('sends at once while the window listens, and holds links again while it reloads', () => {
    const { links, sent } = inbox()
    links.windowReady()
    links.open('lanroom://join/[fe80::1]:47800/')
    expect(sent).toEqual(['onOpenLink {"join":"[fe80::1]:47800"}'])
    links.windowGone()
    links.open('lanroom://join/10.0.0.1:1')
    expect(sent).toHaveLength(1)
    links.windowReady()
    expect(sent[1]).toBe('onOpenLink {"join":"10.0.0.1:1"}')
  })

  it('refuses what the grammar refuses: a notice, the window shown, nothing to join', () => {
    const { links, sent, shown } = inbox()
    links.windowReady()
    for (const bad of [
      'lanroom://join/10.0.0.1:47800?passphrase=x',
      'javascript:alert(1)',
      `lanroom://join/${'9'.repeat(5_000)}`,
    ]) {
      expect(links.open(bad).ok).toBe(false)
    }
    expect(sent).toHaveLength(3)
    expect(sent.every((line) => line.startsWith('onNotice'))).toBe(true)
    expect(sent[0]).toContain('LINK_ERR_QUERY')
    expect(sent[2]).toContain('LINK_ERR_TOO_LONG')
    expect(shown()).toBe(3)
  })

  it("opens the link of a start's command line, and ignores a command line without one", () => {
    const { links, sent } = inbox()
    links.windowReady()
    expect(links.openFromArgv(['lanroom', '--hidden'])).toBeNull()
    expect(links.openFromArgv(['lanroom', `lanroom://join/${CODE}`])).toMatchObject({ ok: true })
    expect(sent).toEqual([`onOpenLink {"join":"${CODE}"}`])
  })
})

describe('protocolClientRegistration', () => {
  const packaged = { defaultApp: false, appPath: undefined, appImage: false }
  it('leaves installed apps to their installers', () => {
    for (const platform of ['darwin', 'win32', 'linux'] as const) {
      expect(protocolClientRegistration({ ...packaged, platform })).toBeNull()
    }
  })

  it('registers a development run with its folder, and an AppImage as itself', () => {
    expect(
      protocolClientRegistration({
        ...packaged,
        platform: 'win32',
        defaultApp: true,
        appPath: '/src/app',
      }),
    ).toEqual({ args: ['/src/app'] })
    expect(protocolClientRegistration({ ...packaged, platform: 'linux', appImage: true })).toEqual({
      args: [],
    })
  })
})

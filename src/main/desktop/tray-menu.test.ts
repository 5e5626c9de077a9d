import { describe, expect, it } from 'vitest'
import { createTranslator } from '../../shared/i18n/translator'
import { LOBBY, trayMenuModel, trayStatus, type TrayMenuItem, type TrayState } from './tray-menu'

const LAB = { id: 'r1', name: 'Lab' }
const joined: TrayState = { situation: 'joined', room: LAB, unread: 0, muted: false }
const hosting: TrayState = { ...joined, situation: 'hosting' }

/** The menu as a person reads it: labels, with clickable items marked by their action. */
function read(items: TrayMenuItem[]): string[] {
  return items.map((item) =>
    item.kind === 'separator'
      ? '---'
      : item.kind === 'label'
        ? `(${item.label})`
        : `${item.label} [${item.action}]`,
  )
}

describe('trayMenuModel', () => {
  it('in the lobby: open and quit only', () => {
    expect(read(trayMenuModel(LOBBY))).toEqual([
      'Open LAN Room [open]',
      '---',
      'Quit LAN Room [quit]',
    ])
  })

  it('in a room: the room (not clickable) and mute; no stop hosting', () => {
    expect(read(trayMenuModel(joined))).toEqual([
      'Open LAN Room [open]',
      '---',
      '(Lab)',
      'Mute this room [mute]',
      '---',
      'Quit LAN Room [quit]',
    ])
  })

  it('hosting: stop hosting too', () => {
    expect(read(trayMenuModel(hosting))).toEqual([
      'Open LAN Room [open]',
      '---',
      '(Lab)',
      'Mute this room [mute]',
      'Stop hosting [stopHosting]',
      '---',
      'Quit LAN Room [quit]',
    ])
  })

  it('muted: offers unmute instead', () => {
    const items = read(trayMenuModel({ ...hosting, muted: true }))
    expect(items).toContain('Unmute this room [unmute]')
    expect(items).not.toContain('Mute this room [mute]')
  })

  it('with unread messages: the count beside the room, bounded', () => {
    expect(read(trayMenuModel({ ...joined, unread: 5 }))).toContain('(Lab (5 unread))')
    expect(read(trayMenuModel({ ...joined, unread: 12_345 }))).toContain('(Lab (99+ unread))')
  })

  it('a situation without its room (between states) shows the lobby menu', () => {
    expect(trayMenuModel({ ...joined, room: null })).toEqual(trayMenuModel(LOBBY))
  })
})

describe('trayStatus', () => {
  it('in the lobby: the app name and no title', () => {
    expect(trayStatus(LOBBY)).toEqual({ tooltip: 'LAN Room', title: '' })
  })

  it('says where you are, how many are unread, and whether the room is muted', () => {
    expect(trayStatus(joined)).toEqual({ tooltip: 'LAN Room: In Lab', title: '' })
    expect(trayStatus({ ...hosting, unread: 3, muted: true })).toEqual({
      tooltip: 'LAN Room: Hosting Lab (3 unread), muted',
      title: '3',
    })
    expect(trayStatus({ ...joined, unread: 100 })).toMatchObject({ title: '99+' })
  })

  it('a count left over from a room no longer shown is not shown', () => {
    expect(trayStatus({ ...LOBBY, unread: 4 })).toMatchObject({ title: '' })
  })
})

describe('the tray in another language', () => {
  it('in German: the menu and the tooltip', () => {
    const { t } = createTranslator('de')
    expect(read(trayMenuModel({ ...hosting, unread: 2 }, t))).toEqual([
      'LAN Room öffnen [open]',
      '---',
      '(Lab (2 ungelesen))',
      'Diesen Raum stummschalten [mute]',
      'Raum schließen [stopHosting]',
      '---',
      'LAN Room beenden [quit]',
    ])
    expect(trayStatus({ ...hosting, unread: 3, muted: true }, t)).toEqual({
      tooltip: 'LAN Room: Gastgeber von Lab (3 ungelesen), stumm',
      title: '3',
    })
  })

  it('in Arabic: the count takes the plural form the number needs', () => {
    const { t } = createTranslator('ar')
    const label = (unread: number): string | undefined => {
      const item = trayMenuModel({ ...joined, unread }, t).find((i) => i.kind === 'label')
      return item?.kind === 'label' ? item.label : undefined
    }
    expect(label(1)).toBe('Lab (رسالة غير مقروءة)')
    expect(label(2)).toBe('Lab (رسالتان غير مقروءتين)')
    expect(label(5)).toBe('Lab (5 رسائل غير مقروءة)')
    expect(label(12_345)).toBe('Lab (99+ رسالة غير مقروءة)')
  })
})

import { describe, expect, it } from 'vitest'
import { createTranslator } from '../../shared/i18n/translator'
import { closeDecision, trayExplanation, type CloseContext } from './close-policy'

const base: CloseContext = { situation: 'joined', quitting: false, explained: false, hasTray: true }

describe('closeDecision', () => {
  it('in a room or hosting: hides, explaining only the first time', () => {
    expect(closeDecision(base)).toEqual({ action: 'hide', explain: true })
    expect(closeDecision({ ...base, situation: 'hosting' })).toEqual({
      action: 'hide',
      explain: true,
    })
    expect(closeDecision({ ...base, explained: true })).toEqual({ action: 'hide', explain: false })
  })

  it('in the lobby: closes (and so quits) as before', () => {
    expect(closeDecision({ ...base, situation: 'idle' })).toEqual({ action: 'close' })
  })

  it('quitting always closes, whatever the situation', () => {
    expect(closeDecision({ ...base, situation: 'hosting', quitting: true })).toEqual({
      action: 'close',
    })
  })

  it('without a tray icon to come back through, closes as before', () => {
    expect(closeDecision({ ...base, hasTray: false })).toEqual({ action: 'close' })
  })
})

describe('trayExplanation', () => {
  it('names the room and where LAN Room went, per platform', () => {
    expect(trayExplanation('hosting', 'Lab', 'darwin').body).toBe(
      'Your room Lab stays open. LAN Room keeps running in the menu bar: open it from there, or choose Quit there to leave.',
    )
    expect(trayExplanation('joined', 'Lab', 'win32').body).toContain('You are still in Lab')
    expect(trayExplanation('joined', 'Lab', 'linux').body).toContain('in the tray')
  })

  it('speaks the chosen language', () => {
    const { t } = createTranslator('ja')
    expect(trayExplanation('hosting', 'Lab', 'darwin', t)).toEqual({
      title: 'LAN Room は実行中です',
      body: 'ルーム Lab は開いたままです。LAN Room はメニューバーで動作を続けます。そこから開くか、そこで「終了」を選ぶと退出できます。',
    })
    expect(trayExplanation('joined', 'Lab', 'linux', createTranslator('de').t).body).toMatch(
      /^Du bist noch in Lab\. LAN Room läuft im Infobereich weiter/,
    )
  })
})

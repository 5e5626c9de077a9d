import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { pngSize } from '../../../scripts/icon-formats'
import { trayIconPlan, type TrayIconFiles } from './tray-icon'

const FILES: TrayIconFiles = {
  colour: 'build/icons/32x32.png',
  template: 'build/tray/trayTemplate.png',
  template2x: 'build/tray/trayTemplate@2x.png',
}

describe('trayIconPlan', () => {
  it('macOS: the template image, at 1x and 2x', () => {
    expect(trayIconPlan('darwin', FILES)).toEqual({
      template: true,
      representations: [
        { scaleFactor: 1, path: FILES.template },
        { scaleFactor: 2, path: FILES.template2x },
      ],
    })
  })

  it.each<NodeJS.Platform>(['win32', 'linux', 'freebsd'])(
    '%s: the coloured app icon',
    (platform) => {
      expect(trayIconPlan(platform, FILES)).toEqual({ template: false, path: FILES.colour })
    },
  )

  it('the template files are 16 and 32 px, and named …Template as macOS expects', () => {
    expect(pngSize(readFileSync(FILES.template))).toEqual({ width: 16, height: 16 })
    expect(pngSize(readFileSync(FILES.template2x))).toEqual({ width: 32, height: 32 })
    expect(FILES.template).toMatch(/Template\.png$/)
    // Black and transparency only: the source draws nothing in any other colour.
    const svg = readFileSync('build/tray/trayTemplate.svg', 'utf8')
    const colours = [...svg.matchAll(/(?:fill|stroke)="(#[0-9a-f]+)"/gi)].map((m) => m[1])
    expect(new Set(colours.filter((colour) => colour !== '#fff'))).toEqual(new Set(['#000']))
  })
})

import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { MAX_SAFE_NAME_BYTES, safeFileName, uniquePath } from './safe-name'

describe('safeFileName', () => {
  it.each([
    ['report.pdf', 'report.pdf'],
    ['../../etc/passwd', '_.._etc_passwd'],
    ['..\\..\\windows\\system32', '_.._windows_system32'],
    ['..', 'file'],
    ['.', 'file'],
    ['', 'file'],
    ['   ', 'file'],
    ['.bashrc', 'bashrc'],
    ['name. . .', 'name'],
    ['trailing   ', 'trailing'],
    ['a<b>c:d"e|f?g*h', 'a_b_c_d_e_f_g_h'],
    ['CON', '_CON'],
    ['con.txt', '_con.txt'],
    ['NUL.tar.gz', '_NUL.tar.gz'],
    ['COM1', '_COM1'],
    ['lpt9.log', '_lpt9.log'],
    ['CONSOLE.txt', 'CONSOLE.txt'],
    ['\u202egnp.exe', 'gnp.exe'],
    ['invoice\u202Efdp.exe', 'invoicefdp.exe'],
    ['tab\there\nnew\u0000line', 'tabherenewline'],
    ['zero\u200bwidth', 'zerowidth'],
    ['bad\ud800surrogate', 'badsurrogate'],
    ['日本語のファイル.txt', '日本語のファイル.txt'],
  ])('%j → %j', (input, expected) => {
    expect(safeFileName(input)).toBe(expected)
  })

  it('bounds a 1,000-character name to 200 bytes, keeping the extension', () => {
    for (const stem of ['a'.repeat(1000), 'é'.repeat(1000), '😀'.repeat(1000)]) {
      const safe = safeFileName(`${stem}.pdf`)
      expect(Buffer.byteLength(safe)).toBeLessThanOrEqual(MAX_SAFE_NAME_BYTES)
      expect(safe.endsWith('.pdf')).toBe(true)
      expect(safe.length).toBeGreaterThan(10)
      expect(safe).not.toMatch(/\ufffd/)
    }
    expect(Buffer.byteLength(safeFileName('x'.repeat(1000)))).toBe(MAX_SAFE_NAME_BYTES)
  })
})

describe('uniquePath', () => {
  let dir = ''
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true })
  })

  it('numbers a taken name before its extension', async () => {
    dir = await mkdtemp(join(tmpdir(), 'lanroom-names-'))
    expect(await uniquePath(dir, 'a.pdf')).toBe(join(dir, 'a.pdf'))
    await writeFile(join(dir, 'a.pdf'), '')
    expect(await uniquePath(dir, 'a.pdf')).toBe(join(dir, 'a (1).pdf'))
    await writeFile(join(dir, 'a (1).pdf'), '')
    expect(await uniquePath(dir, 'a.pdf')).toBe(join(dir, 'a (2).pdf'))
    await writeFile(join(dir, 'README'), '')
    expect(await uniquePath(dir, 'README')).toBe(join(dir, 'README (1)'))
  })

  it('keeps a numbered long name within the bound', async () => {
    dir = await mkdtemp(join(tmpdir(), 'lanroom-names-'))
    const long = safeFileName(`${'b'.repeat(400)}.txt`)
    await writeFile(join(dir, long), '')
    const next = await uniquePath(dir, long)
    expect(Buffer.byteLength(next.slice(dir.length + 1))).toBeLessThanOrEqual(MAX_SAFE_NAME_BYTES)
    expect(next.endsWith(' (1).txt')).toBe(true)
  })
})

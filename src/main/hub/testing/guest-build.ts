import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { tempDir } from '../../../../test/support/temp-dir'

/** What the fixture build's files hold, to compare answers with. */
export const GUEST_FIXTURE = {
  index: '<!doctype html><title>Guest</title><script type="module" src="/assets/app-1a2b3c.js">',
  script: 'console.log("guest")',
  manifest: '{"name":"LAN Room"}',
  /** A script large and repetitive enough that gzip makes it smaller. */
  bundle: 'export const room = "LAN Room";\n'.repeat(200),
  secret: 'not for anyone',
} as const

/**
 * A small build shaped like out/guest/, with what must never be served beside it: a dotfile, a
 * file of an unknown kind, a symlink out of the build, and a secret outside it (`outside`).
 */
export function guestBuild(): { dir: string; outside: string; remove: () => void } {
  const root = tempDir('lanroom-guest-')
  const dir = join(root.path, 'guest')
  const outside = join(root.path, 'secret.txt')
  mkdirSync(join(dir, 'assets'), { recursive: true })
  mkdirSync(join(dir, 'icons'))
  mkdirSync(join(dir, '.git'))
  writeFileSync(join(dir, 'index.html'), GUEST_FIXTURE.index)
  writeFileSync(join(dir, 'manifest.webmanifest'), GUEST_FIXTURE.manifest)
  writeFileSync(join(dir, 'assets', 'app-1a2b3c.js'), GUEST_FIXTURE.script)
  writeFileSync(join(dir, 'assets', 'app-4d5e6f.css'), 'body{margin:0}')
  writeFileSync(join(dir, 'assets', 'vendor-7a8b9c.js'), GUEST_FIXTURE.bundle)
  writeFileSync(join(dir, 'icons', 'icon-192.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47]))
  writeFileSync(join(dir, '.env'), GUEST_FIXTURE.secret)
  writeFileSync(join(dir, '.git', 'config'), GUEST_FIXTURE.secret)
  writeFileSync(join(dir, 'notes.md'), GUEST_FIXTURE.secret)
  writeFileSync(outside, GUEST_FIXTURE.secret)
  symlinkSync(outside, join(dir, 'assets', 'linked.txt'))
  symlinkSync(join(root.path), join(dir, 'up'))
  return { dir, outside, remove: root.remove }
}

import { request } from 'node:https'
import { beforeAll, describe, expect, it } from 'vitest'
import { fingerprintOfFragment } from '../../src/shared/protocol'
import { assertBuilt, runCli, runHostUntil, type HostProcess } from '../support/cli'
import { perTest } from '../support/scope'
import { cid } from '../support/ws-client'

// `lanroom host` and browser guests. The guest app is the real build (out/guest, made by
// `npm run build` with the rest).

const scope = perTest()
const { client, dir: dataDir } = scope
beforeAll(assertBuilt)

function host(args: string[]): Promise<HostProcess> {
  return scope.host(['--port', '0', '--data-dir', dataDir(), '--no-advertise', ...args])
}

function status(port: number, path: string): Promise<{ status: number; type: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, path, rejectUnauthorized: false, agent: false },
      (res) => {
        res.resume()
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, type: res.headers['content-type'] ?? '' }),
        )
      },
    )
    req.on('error', reject)
    req.end()
  })
}

describe('lanroom host and guests', () => {
  it('serves the guest app and gives its link, with the room fingerprint', async () => {
    const started = await host([])
    const { guestLink, port, fingerprint } = started.info
    expect(guestLink).toBe(`https://127.0.0.1:${port}/#fp=${fingerprint}`)
    expect(fingerprintOfFragment(new URL(guestLink!).hash)).toBe(fingerprint)
    expect(await status(port, '/')).toEqual({ status: 200, type: 'text/html; charset=utf-8' })
    const own = client(started.info.url, { headers: { Origin: `https://127.0.0.1:${port}` } })
    expect((await own.join('Gus', cid('Gus'))).you.guest).toBe(true)
  })

  it('prints the link in plain words, and no QR code when stdout is not a terminal', async () => {
    const finished = await runHostUntil(
      ['--no-advertise', '--port', '0', '--bind', '127.0.0.1', '--data-dir', dataDir()],
      /Press Ctrl\+C/,
    )
    expect(finished.stdout).toMatch(/^Guests: https:\/\/127\.0\.0\.1:\d+\/#fp=[0-9a-f]{64}$/m)
    expect(finished.stdout).not.toMatch(/[▀▄█]/)
  })

  it('takes no guests with --no-guests: no link, / is 403, own-origin upgrades 403', async () => {
    const started = await host(['--no-guests'])
    const { port, url } = started.info
    expect(started.info.guestLink).toBeNull()
    expect((await status(port, '/')).status).toBe(403)
    const own = client(url, { headers: { Origin: `https://127.0.0.1:${port}` } })
    await expect(own.opened).rejects.toThrow('HTTP 403')
    // The app and lanroom join send no Origin: they still join.
    expect((await client(url).join('App', cid('App'))).you).not.toHaveProperty('guest')
    const plain = await runHostUntil(
      [
        '--no-advertise',
        '--no-guests',
        '--port',
        '0',
        '--bind',
        '127.0.0.1',
        '--data-dir',
        dataDir(),
      ],
      /Press Ctrl\+C/,
    )
    expect(plain.stdout).not.toContain('Guests:')
    expect((await runCli(['host', '--help'])).stdout).toContain('--no-guests')
  })
})

/**
 * `lanroom doctor` inside network namespaces of its own (nested in the one scripts/in-netns.sh
 * makes, so that their firewall rules touch nothing else): it names the failing step or check
 * for a port dropped by an nftables rule, a port rejected by an iptables rule, and multicast that
 * does not come back (dropped coming in; refused going out).
 */
import { spawn } from 'node:child_process'
import { execFileSync } from 'node:child_process'
import { beforeAll, describe, expect, it } from 'vitest'
import { doctorReportSchema, type DoctorReport } from '../../src/shared/bridge/doctor'
import { assertBuilt, CLI } from '../support/cli'
import { IN_NETNS, netnsUnavailableReason } from '../support/netns'
import { tempDir } from '../support/ws-client'
import { encodeRoomCode } from '../../src/shared/protocol/room-code'

function missingTool(): string | null {
  for (const tool of ['nft', 'iptables', 'unshare']) {
    try {
      execFileSync('sh', ['-c', `command -v ${tool}`], { stdio: 'pipe' })
    } catch {
      return `${tool} is not installed (Debian: apt-get install -y nftables iptables)`
    }
  }
  return null
}

const skipReason = netnsUnavailableReason() ?? (IN_NETNS ? missingTool() : null)
if (skipReason) console.warn(`[doctor] namespace tests did not run: ${skipReason}`)

/** A safety net: a run takes its --timeout (3 s) and a host's start, about 5 s in all. */
const RUN_TIMEOUT_MS = 60_000

/**
 * Runs `script` (sh) in a new network namespace with loopback up and one veth pair, v0
 * 10.77.0.1/24 (the default route) — `$CLI` is the built lanroom, `$DIR` a temporary directory.
 * Resolves with the doctor's JSON report (the last line of stdout) and what it printed.
 */
function inOwnNamespace(
  script: string,
): Promise<{ report: DoctorReport; exit: number; stderr: string }> {
  const dir = tempDir()
  const setup = [
    'set -e',
    'ip link set lo up',
    'ip link add v0 type veth peer name v1',
    'ip link set v0 up',
    'ip link set v1 up',
    'ip addr add 10.77.0.1/24 dev v0',
    'ip route add default dev v0',
    'set +e',
  ].join('\n')
  return new Promise((resolve, reject) => {
    const child = spawn('unshare', ['-n', 'sh', '-c', `${setup}\n${script}`], {
      stdio: 'pipe',
      env: { ...process.env, CLI, DIR: dir.path, LANROOM_DATA_DIR: dir.path },
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    const timer = setTimeout(() => child.kill('SIGKILL'), RUN_TIMEOUT_MS)
    child.on('close', () => {
      clearTimeout(timer)
      try {
        dir.remove()
      } catch (error) {
        return reject(error instanceof Error ? error : new Error(String(error)))
      }
      const exit = /doctor-exit (\d+)/.exec(stderr)?.[1]
      const line = stdout.trim().split('\n').at(-1) ?? ''
      try {
        resolve({ report: JSON.parse(line) as DoctorReport, exit: Number(exit), stderr })
      } catch {
        reject(new Error(`no report: ${stdout}\n${stderr}`))
      }
    })
  })
}

/** Starts a room on loopback in the namespace; `$PORT` is its port afterwards. */
const HOST = hostOn(0)

/**
 * The same on a given port (the namespace is new, so every port is free); advertised over mDNS
 * on v0 when `advertise`.
 */
function hostOn(port: number, advertise = false): string {
  const where = advertise ? '--bind 10.77.0.1' : '--bind 127.0.0.1 --no-advertise'
  return `
node "$CLI" host --json --port ${port} ${where} --name Doctor > "$DIR/host.json" 2>/dev/null &
HOST_PID=$!
# Wait for the host to be gone before the script ends: it writes its room's files as it closes,
# and the test removes the directory when the script ends.
trap 'kill $HOST_PID 2>/dev/null; wait $HOST_PID 2>/dev/null' EXIT
i=0
while [ ! -s "$DIR/host.json" ] && [ $i -lt 300 ]; do sleep 0.1; i=$((i+1)); done
PORT=$(sed -n 's/.*"port":\\([0-9]*\\).*/\\1/p' "$DIR/host.json")
`
}

const DOCTOR = (args: string): string =>
  `node "$CLI" doctor ${args} --json --timeout 3; echo "doctor-exit $?" >&2`

function check(report: DoctorReport, id: string) {
  const found = report.checks.find((entry) => entry.id === id)
  if (!found) throw new Error(`no ${id} check in ${JSON.stringify(report)}`)
  return found
}

describe.skipIf(skipReason !== null)('lanroom doctor in a namespace', () => {
  beforeAll(assertBuilt)

  it('passes where nothing is in the way', { timeout: RUN_TIMEOUT_MS * 2 }, async () => {
    const { report, exit } = await inOwnNamespace(`${HOST}\n${DOCTOR('127.0.0.1:$PORT')}`)
    expect(report.checks.map((c) => `${c.id}:${c.status}`)).toEqual([
      'interfaces:ok',
      'multicast:ok',
      'mdns-port:ok',
      'firewall:ok',
      'vpn:ok',
      'room:ok',
    ])
    expect(doctorReportSchema.safeParse(report).success).toBe(true)
    expect(exit).toBe(0)
  })

  it(
    'finds a room by name over mDNS, as lanroom join does, and reaches it',
    { timeout: RUN_TIMEOUT_MS * 2 },
    async () => {
      const { report } = await inOwnNamespace(`${hostOn(0, true)}\n${DOCTOR('doctor')}`)
      const room = check(report, 'room')
      expect(room.steps[0]).toMatchObject({ step: 'resolve', status: 'ok' })
      expect(room.steps[0]?.found).toMatch(/^room "Doctor" hosted by .+ found nearby/)
      expect(room.status, JSON.stringify(room)).toBe('ok')
    },
  )

  it(
    'names the tcp step, and the nftables rule, for a port an nftables rule drops',
    { timeout: RUN_TIMEOUT_MS * 2 },
    async () => {
      const { report, exit } = await inOwnNamespace(`${HOST}
nft add table inet doctor_test
nft add chain inet doctor_test input '{ type filter hook input priority 0; }'
nft add rule inet doctor_test input tcp dport $PORT drop
${DOCTOR('127.0.0.1:$PORT')}`)
      const room = check(report, 'room')
      expect(room.status).toBe('fail')
      expect(room.steps.map((s) => `${s.step}:${s.status}`)).toEqual(['resolve:ok', 'tcp:fail'])
      expect(room.steps[1]?.found).toMatch(/no answer within/)
      expect(room.fix).toMatch(/dropped on the way/)
      const firewall = check(report, 'firewall')
      expect(firewall.status).toBe('fail')
      expect(firewall.found).toMatch(
        /^nftables: a rule drops connections to rooms hosted here on TCP \d+: inet doctor_test input: tcp dport \d+ drop$/,
      )
      expect(exit).toBe(1)
    },
  )

  it(
    'names the tcp step, and the rule, for a port an iptables rule rejects',
    { timeout: RUN_TIMEOUT_MS * 2 },
    async () => {
      const { report, exit } = await inOwnNamespace(`${HOST}
iptables -A OUTPUT -p tcp --dport $PORT -j REJECT
${DOCTOR('127.0.0.1:$PORT')}`)
      const room = check(report, 'room')
      expect(room.steps.map((s) => `${s.step}:${s.status}`)).toEqual(['resolve:ok', 'tcp:fail'])
      expect(room.steps[1]?.found).toMatch(/ECONNREFUSED/)
      const firewall = check(report, 'firewall')
      expect(firewall.status).toBe('fail')
      expect(firewall.found).toMatch(/drops connections to rooms at TCP port \d+/)
      expect(exit).toBe(1)
    },
  )

  it(
    'says multicast does not come back when an nftables rule drops incoming mDNS',
    { timeout: RUN_TIMEOUT_MS * 2 },
    async () => {
      const { report, exit } = await inOwnNamespace(`
nft add table inet doctor_test
nft add chain inet doctor_test input '{ type filter hook input priority 0; }'
nft add rule inet doctor_test input udp dport 5353 drop
${DOCTOR('')}`)
      const multicast = check(report, 'multicast')
      expect(multicast.status).toBe('fail')
      expect(multicast.found).toMatch(/did not come back on v0/)
      expect(multicast.fix).toMatch(/drops incoming mDNS/)
      expect(check(report, 'firewall').found).toMatch(/drops mDNS \(UDP 5353\) coming in/)
      expect(check(report, 'room').status).toBe('skipped')
      expect(exit).toBe(1)
    },
  )

  it(
    'says multicast cannot even be sent when an iptables rule refuses it going out',
    { timeout: RUN_TIMEOUT_MS * 2 },
    async () => {
      const { report } = await inOwnNamespace(`
iptables -A OUTPUT -d 224.0.0.251 -p udp --dport 5353 -j DROP
${DOCTOR('')}`)
      const multicast = check(report, 'multicast')
      expect(multicast.status).toBe('fail')
      expect(multicast.details.join('\n')).toMatch(/v0 10\.77\.0\.1: cannot send \(EPERM\)/)
      expect(multicast.fix).toMatch(/refuses to send multicast/)
      expect(check(report, 'firewall').status).not.toBe('ok')
    },
  )

  it(
    'names the certificate step when another certificate is behind a room code',
    { timeout: RUN_TIMEOUT_MS * 2 },
    async () => {
      const port = 47_811
      const code = encodeRoomCode({ address: '127.0.0.1', port, fingerprint: 'ab'.repeat(32) })
      const { report, exit } = await inOwnNamespace(`${hostOn(port)}\n${DOCTOR(code)}`)
      const room = check(report, 'room')
      expect(room.steps.map((s) => `${s.step}:${s.status}`)).toEqual([
        'resolve:ok',
        'tcp:ok',
        'tls:ok',
        'http:ok',
        'certificate:fail',
      ])
      expect(room.steps[0]?.found).toContain(`the room code ${code}`)
      expect(room.fix).toMatch(/not the room the code names/)
      expect(exit).toBe(1)
    },
  )
})

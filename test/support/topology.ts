import { execFileSync, spawn, type ChildProcess, type SpawnOptions } from 'node:child_process'
import { readlinkSync } from 'node:fs'
import { IN_NETNS } from './netns'

/**
 * Network namespaces nested inside the one scripts/in-netns.sh makes: separate "machines" with
 * their own interfaces, addresses and routes, joined by veth pairs. Each is held open by a
 * `sleep` started with `unshare -n`; commands run in it through `nsenter`. Nothing here ever
 * touches the namespace the tests share, except to create a veth pair and move both ends out.
 */
export class NetnsHost {
  private constructor(
    readonly name: string,
    private readonly holder: ChildProcess,
  ) {}

  /** Its network namespace's pid (the holder's). */
  get pid(): number {
    return this.holder.pid as number
  }

  static async create(name: string): Promise<NetnsHost> {
    if (!IN_NETNS) throw new Error('nested namespaces are made only inside the test namespace')
    const holder = spawn('unshare', ['-n', 'sleep', '100000'], { stdio: 'ignore' })
    const own = readlinkSync('/proc/self/ns/net')
    const pid = holder.pid
    if (pid === undefined) throw new Error('unshare did not start')
    // unshare execs sleep in the same process once the namespace is made.
    const deadline = Date.now() + 10_000
    for (;;) {
      let ns = own
      try {
        ns = readlinkSync(`/proc/${pid}/ns/net`)
      } catch {
        // Not there yet.
      }
      if (ns !== own) break
      if (Date.now() > deadline) throw new Error('unshare -n made no namespace in time')
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
    const host = new NetnsHost(name, holder)
    host.sh('ip link set lo up')
    return host
  }

  /** Runs a shell command in this namespace, to the end; throws with its stderr on failure. */
  sh(command: string): string {
    return execFileSync('nsenter', ['-t', String(this.pid), '-n', 'sh', '-c', command], {
      stdio: 'pipe',
      encoding: 'utf8',
    })
  }

  /** Starts a program in this namespace. */
  spawn(command: string, args: string[], options: SpawnOptions = {}): ChildProcess {
    return spawn('nsenter', ['-t', String(this.pid), '-n', command, ...args], options)
  }

  /** Ends the namespace (its holder); processes started in it should be ended first. */
  destroy(): void {
    this.holder.kill('SIGKILL')
  }
}

let pairs = 0

/**
 * A veth pair with one end in each namespace, each end up with its address (CIDR, e.g.
 * `10.20.1.2/24`). Returns the two interface names.
 */
export function link(
  a: NetnsHost,
  aAddress: string,
  b: NetnsHost,
  bAddress: string,
  names: [string, string] = [`vt${pairs}a`, `vt${pairs}b`],
): [string, string] {
  pairs += 1
  const [aName, bName] = names
  // Made in the shared test namespace under unique names, then both ends moved away at once.
  const tmpA = `tpa${process.pid % 10_000}x${pairs}`
  const tmpB = `tpb${process.pid % 10_000}x${pairs}`
  execFileSync('ip', ['link', 'add', tmpA, 'type', 'veth', 'peer', 'name', tmpB])
  execFileSync('ip', ['link', 'set', tmpA, 'netns', String(a.pid)])
  execFileSync('ip', ['link', 'set', tmpB, 'netns', String(b.pid)])
  a.sh(
    `ip link set ${tmpA} name ${aName} && ip addr add ${aAddress} dev ${aName} && ip link set ${aName} up`,
  )
  b.sh(
    `ip link set ${tmpB} name ${bName} && ip addr add ${bAddress} dev ${bName} && ip link set ${bName} up`,
  )
  return [aName, bName]
}

export interface RouterTopology {
  /** 10.20.1.2/24 on eth0, default route via the router. */
  hostA: NetnsHost
  /** 10.20.2.2/24 on eth0, default route via the router. */
  hostB: NetnsHost
  /** 10.20.1.1/24 and 10.20.2.1/24, forwarding unicast; nothing forwards multicast. */
  router: NetnsHost
  addressA: string
  addressB: string
  destroy: () => void
}

/**
 * Two hosts on different subnets joined by a router: unicast crosses it, mDNS does not (no
 * multicast routing runs in it, and 224.0.0.251 is link-local multicast anyway). Like a school
 * or office network whose Wi-Fi and wired sides are separate subnets.
 */
export async function routerTopology(): Promise<RouterTopology> {
  const hostA = await NetnsHost.create('hostA')
  const hostB = await NetnsHost.create('hostB')
  const router = await NetnsHost.create('router')
  link(hostA, '10.20.1.2/24', router, '10.20.1.1/24', ['eth0', 'lan1'])
  link(hostB, '10.20.2.2/24', router, '10.20.2.1/24', ['eth0', 'lan2'])
  router.sh('echo 1 > /proc/sys/net/ipv4/ip_forward')
  hostA.sh('ip route add default via 10.20.1.1')
  hostB.sh('ip route add default via 10.20.2.1')
  return {
    hostA,
    hostB,
    router,
    addressA: '10.20.1.2',
    addressB: '10.20.2.2',
    destroy: () => [hostA, hostB, router].forEach((host) => host.destroy()),
  }
}

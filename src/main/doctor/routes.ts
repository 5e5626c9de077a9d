/**
 * Which interface traffic takes, read without sending anything: Linux's `ip -j route get`
 * (which honours policy routing, as WireGuard's wg-quick sets up), macOS's `route -n get`, and
 * Windows' routing table through PowerShell. Parsers tested with recorded outputs.
 */
import type { RunCommand } from './run-command'

/** An address of TEST-NET-1 (RFC 5737): never used, so its route is the default route. */
export const ELSEWHERE = '192.0.2.1'

/** `ip -j route get ADDRESS`: `[{"dst":…,"gateway":…,"dev":"wg0",…}]`. */
export function parseIpRouteGet(stdout: string): string | null {
  try {
    const routes = JSON.parse(stdout) as Array<{ dev?: unknown }>
    const dev = Array.isArray(routes) ? routes[0]?.dev : undefined
    return typeof dev === 'string' && dev.length <= 64 ? dev : null
  } catch {
    return null
  }
}

/** `route -n get default` (macOS): a line `  interface: utun3`. */
export function parseMacRouteGet(stdout: string): string | null {
  return /^\s*interface:\s*(\S{1,64})\s*$/m.exec(stdout)?.[1] ?? null
}

/** The PowerShell answer: `{"alias":"WireGuard Tunnel","description":"WireGuard Tunnel #2"}`. */
export function parseWindowsRoute(stdout: string): string | null {
  try {
    const value = JSON.parse(stdout.trim().replace(/^\uFEFF/, '')) as unknown
    const first = (Array.isArray(value) ? value[0] : value) as Record<string, unknown> | undefined
    const alias = typeof first?.['alias'] === 'string' ? first['alias'] : ''
    const description = typeof first?.['description'] === 'string' ? first['description'] : ''
    const name = [alias, description && description !== alias ? `(${description})` : '']
      .filter(Boolean)
      .join(' ')
    return name ? name.slice(0, 128) : null
  } catch {
    return null
  }
}

const WINDOWS_DEFAULT_ROUTE =
  "$r = Get-NetRoute -DestinationPrefix '0.0.0.0/0' -ErrorAction SilentlyContinue | " +
  'Sort-Object { $_.RouteMetric + $_.InterfaceMetric } | Select-Object -First 1; ' +
  'if ($r) { $a = Get-NetAdapter -InterfaceIndex $r.InterfaceIndex -ErrorAction SilentlyContinue; ' +
  '[pscustomobject]@{ alias = [string]$r.InterfaceAlias; description = [string]$a.InterfaceDescription } | ConvertTo-Json -Compress }'

/** The interface traffic to `address` leaves by; null when it cannot be read. */
export async function routeInterface(
  run: RunCommand,
  platform: NodeJS.Platform,
  address: string,
  timeoutMs: number,
): Promise<string | null> {
  if (platform === 'linux') {
    const result = await run('ip', ['-j', 'route', 'get', address], timeoutMs)
    return result.ok ? parseIpRouteGet(result.stdout) : null
  }
  if (platform === 'darwin') {
    const result = await run(
      'route',
      ['-n', 'get', address === ELSEWHERE ? 'default' : address],
      timeoutMs,
    )
    return result.ok ? parseMacRouteGet(result.stdout) : null
  }
  if (platform === 'win32' && address === ELSEWHERE) {
    const result = await run(
      'powershell.exe',
      ['-NoProfile', '-NonInteractive', '-Command', WINDOWS_DEFAULT_ROUTE],
      timeoutMs,
    )
    return result.ok ? parseWindowsRoute(result.stdout) : null
  }
  return null
}

import { browseFor } from './resolve'

export interface RoomsOptions {
  timeoutMs: number
  json: boolean
}

/** `lanroom rooms`: the rooms found within the timeout. */
export async function rooms(options: RoomsOptions): Promise<number> {
  if (!options.json)
    process.stderr.write(`Looking for rooms nearby for ${options.timeoutMs / 1000} s…\n`)
  const found = await browseFor(options.timeoutMs)
  if (options.json) {
    for (const room of found) process.stdout.write(JSON.stringify(room) + '\n')
    return 0
  }
  if (found.length === 0) {
    process.stdout.write(
      'No rooms found. Multicast may be blocked on this network (Wi-Fi client isolation, a VPN,\n' +
        'a firewall); ask the host for the address and use `lanroom join HOST:PORT`.\n',
    )
    return 0
  }
  for (const room of found) {
    const members = room.members === null ? '' : `, ${room.members} here`
    const flags = [room.passphrase ? 'passphrase' : '', room.compatible ? '' : 'incompatible']
      .filter(Boolean)
      .join(', ')
    process.stdout.write(
      `${room.name}  (host ${room.hostName}${members}${flags ? `, ${flags}` : ''})\n` +
        `    id ${room.id}  ${room.urls[0] ?? `${room.addresses[0] ?? '?'}:${room.port}`}\n` +
        (room.compatible ? '' : `    ${room.incompatibleReason ?? ''}\n`),
    )
  }
  return 0
}

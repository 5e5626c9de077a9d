import { join } from 'node:path'
import { PinStore } from '../main/security/pins'

/**
 * The data directory's pinned certificates, for any command that reads them. A damaged file is
 * set aside as `.bad` as the store opens it, and every room is then trusted again on its next
 * join: said on stderr by whichever command found it (the next one finds no file, and could
 * not tell).
 */
export function openPins(dataDir: string, stderr: NodeJS.WritableStream): PinStore {
  const pins = new PinStore(join(dataDir, 'pins.json'))
  if (pins.damaged) {
    stderr.write(
      `lanroom: ${pins.place} was damaged and is kept as ${pins.place}.bad: the certificates of ` +
        'rooms joined before are no longer pinned, and each is trusted again on its next join\n',
    )
  }
  return pins
}

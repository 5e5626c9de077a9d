import { randomBytes } from 'node:crypto'

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'

/**
 * A new room id: `bytes` random bytes in base64url, whose first character is a letter or a
 * digit. People type an id after `lanroom join`, where one starting with `-` would be read as
 * an option (`-V…` printed the version), and it is what the command line tells them to type
 * when two rooms share a name.
 */
export function newRoomId(bytes: number): string {
  const id = randomBytes(bytes).toString('base64url')
  if (/^[A-Za-z0-9]/.test(id)) return id
  const pick = randomBytes(1)[0] ?? 0
  return `${ALPHANUMERIC[pick % ALPHANUMERIC.length] ?? 'A'}${id.slice(1)}`
}

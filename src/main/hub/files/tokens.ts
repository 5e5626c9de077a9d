import { randomBytes } from 'node:crypto'

/** A credential as the hub keeps it: whose it is, and until when it holds. */
interface Grant {
  readonly clientId: string
  /** Infinity while the connection it was given on lives; then that end + the grace. */
  until: number
}

/**
 * File credentials (`welcome.files.token`): bearer tokens for the HTTP file endpoints, each
 * bound to the member's proven client id. A token holds while the connection it came with
 * lives and `graceMs` after (a transfer survives a brief drop); a new welcome gives a new one.
 * They live in memory only: after a restart every old token is unknown (401) and the client
 * reconnects for a new one.
 */
export class FileTokens {
  private readonly grants = new Map<string, Grant>()

  constructor(
    private readonly graceMs: number,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** A new token for `clientId`, valid until `ended` is called for it (plus the grace). */
  issue(clientId: string): string {
    this.sweep()
    // 32 random bytes, base64url: 43 characters, what welcome.files.token allows (32..64).
    const token = randomBytes(32).toString('base64url')
    this.grants.set(token, { clientId, until: Infinity })
    return token
  }

  /** The connection the token was given on has ended: the grace starts. */
  ended(token: string): void {
    const grant = this.grants.get(token)
    if (grant && grant.until === Infinity) grant.until = this.now() + this.graceMs
  }

  /** The client id a token speaks for, or null when it is unknown or has run out. */
  clientOf(token: string): string | null {
    const grant = this.grants.get(token)
    if (!grant) return null
    if (grant.until < this.now()) {
      this.grants.delete(token)
      return null
    }
    return grant.clientId
  }

  /** Tokens held (for memory checks). */
  get size(): number {
    return this.grants.size
  }

  /** Forgets tokens that ran out: there are never more than live connections plus a grace. */
  private sweep(): void {
    const now = this.now()
    for (const [token, grant] of this.grants) if (grant.until < now) this.grants.delete(token)
  }
}

import { randomBytes } from 'node:crypto'
import {
  CLOSE_CODES,
  ERROR_CODES,
  PROTOCOL_VERSION,
  describeIssues,
  type HelloMessage,
  type Limits,
  type Schemas,
} from '../../shared/protocol'
import { frameJson } from './frame'
import type { Link } from './link'
import type { Logger } from './logger'
import { BucketTable, TokenBucket } from './token-bucket'
import { checkHelloProof } from '../security/identity'
import type { PassphraseCheck } from './passphrase-check'

/** A connection asking to be let in. */
export interface Applicant extends Link {
  /** The client's address: passphrase guesses are counted per address. */
  readonly address: string
}

export interface AdmissionOptions {
  roomId: string
  /** The certificate's fingerprint every hello must sign (null without TLS). */
  fingerprint: string | null
  /** The room's passphrase (OPAQUE's record of it and its login steps), or null for an open
   * room. */
  passphrase: PassphraseCheck | null
  schemas: Schemas
  limits: Limits
  log: Logger
  /**
   * A hello proven (and its passphrase, when the room has one): make the applicant a member.
   * False when it was not let in after all (the room is full) and has been told so.
   */
  admit(applicant: Applicant, hello: HelloMessage): boolean
  /**
   * Null when a proven hello can be admitted now; else a wait to finish first (a clustered hub
   * catching up with the seq the member resumes from; see Room.caughtUp). Bounded by the room.
   */
  caughtUp?(hello: HelloMessage): Promise<void> | null
}

/** What admission holds for a connection between its challenge and its welcome. */
interface Pending {
  /** The challenge: what this connection's hello must sign. */
  readonly nonce: string
  readonly timer: NodeJS.Timeout
  /** A passphrase login under way: the hello it belongs to and OPAQUE's server state. */
  login: { hello: HelloMessage; state: string } | null
  /** Proven, and waiting for the hub to catch up before it is admitted. */
  waiting: boolean
}

/**
 * The way into the room: each connection gets a challenge, must answer it within
 * helloTimeoutMs with a hello that proves its client id (signed for this challenge and this
 * certificate), and in a room with a passphrase must then prove that too (OPAQUE), with
 * guesses bounded per address. See docs/protocol.md (handshake) and docs/security.md.
 */
export class Admission {
  private readonly pending = new Map<Applicant, Pending>()
  /** Passphrase attempts per client address (see LIMITS.passphraseAttemptBurst). */
  private readonly attempts: BucketTable<TokenBucket>

  constructor(private readonly options: AdmissionOptions) {
    const { limits } = options
    this.attempts = new BucketTable(
      () => new TokenBucket(limits.passphraseAttemptsPerSecond, limits.passphraseAttemptBurst),
      limits.maxTrackedAddresses,
    )
  }

  /** Greets a new connection with its challenge; it has helloTimeoutMs to get in. */
  challenge(applicant: Applicant): void {
    const nonce = randomBytes(32).toString('base64url')
    applicant.send(
      frameJson({
        type: 'challenge',
        v: PROTOCOL_VERSION,
        nonce,
        roomId: this.options.roomId,
        passphrase: this.options.passphrase !== null,
      }),
    )
    const timer = setTimeout(() => {
      // Over for admission now, not once the close handshake ends: a wait for the hub to
      // catch up that ends meanwhile admits nobody.
      this.release(applicant)
      applicant.close(CLOSE_CODES.helloTimeout, 'no hello in time')
    }, this.options.limits.helloTimeoutMs)
    this.pending.set(applicant, { nonce, timer, login: null, waiting: false })
  }

  /** The connection closed: whatever it had started is over. */
  release(applicant: Applicant): void {
    const pending = this.pending.get(applicant)
    if (!pending) return
    clearTimeout(pending.timer)
    this.pending.delete(applicant)
  }

  hello(applicant: Applicant, value: unknown): void {
    const pending = this.pending.get(applicant)
    if (!pending || pending.login || pending.waiting) {
      return applicant.bad(ERROR_CODES.alreadyJoined, 'hello was already sent')
    }
    // The version first: a hello of another version may well have another shape.
    const version = (value as { v?: unknown }).v
    if (version !== PROTOCOL_VERSION) {
      const shown = versionShown(version)
      applicant.reject(
        ERROR_CODES.incompatibleVersion,
        `this room speaks protocol version ${PROTOCOL_VERSION}, not ${shown.slice(0, 20)}`,
      )
      applicant.close(CLOSE_CODES.incompatibleVersion, 'incompatible protocol version')
      return
    }
    const parsed = this.options.schemas.hello.safeParse(value)
    if (!parsed.success) {
      applicant.bad(ERROR_CODES.invalidMessage, `invalid hello: ${describeIssues(parsed.error)}`)
      applicant.close(CLOSE_CODES.badHello, 'invalid hello')
      return
    }
    const hello = parsed.data
    const unproven = checkHelloProof({
      ...hello,
      nonce: pending.nonce,
      fingerprint: this.options.fingerprint,
    })
    if (unproven) {
      this.options.log.warn(
        { conn: applicant.id, remote: applicant.remote, clientId: hello.clientId },
        `identity not proven: ${unproven}`,
      )
      applicant.reject(
        ERROR_CODES.identityUnproven,
        `hello does not prove its client id: ${unproven}`,
      )
      applicant.close(CLOSE_CODES.identityUnproven, 'identity not proven')
      return
    }
    const check = this.options.passphrase
    // An open room ignores a login (the hello signed it all the same).
    if (!check) return this.admit(applicant, hello)

    if (hello.login === undefined) {
      applicant.reject(ERROR_CODES.passphraseRequired, 'this room needs a passphrase')
      applicant.close(CLOSE_CODES.passphrase, 'passphrase required')
      return
    }
    const attempts = this.attempts.get(applicant.address)
    if (!attempts.take()) {
      const retryAfterMs = attempts.retryAfterMs()
      this.options.log.warn({ remote: applicant.remote }, 'passphrase attempts exhausted')
      applicant.reject(
        ERROR_CODES.tooManyAttempts,
        `too many passphrase attempts from this address; try again in ${Math.ceil(retryAfterMs / 1000)} s`,
        { retryAfterMs },
      )
      applicant.close(CLOSE_CODES.tooManyAttempts, 'too many passphrase attempts')
      return
    }
    const started = check.start(hello.login)
    if (!started) {
      applicant.bad(ERROR_CODES.invalidMessage, 'invalid hello: login is not a login request')
      applicant.close(CLOSE_CODES.badHello, 'invalid hello')
      return
    }
    pending.login = { hello, state: started.state }
    applicant.send(frameJson({ type: 'login', response: started.response }))
  }

  /** The last message of a passphrase login: admits the member when it proves the passphrase. */
  loginFinish(applicant: Applicant, value: unknown): void {
    const pending = this.pending.get(applicant)
    const login = pending?.login
    const check = this.options.passphrase
    if (!pending || !login || !check) {
      return applicant.bad(ERROR_CODES.helloRequired, 'login_finish belongs after hello and login')
    }
    const parsed = this.options.schemas.loginFinish.safeParse(value)
    pending.login = null
    if (!parsed.success || !check.finish(login.state, parsed.data.finish)) {
      this.options.log.warn({ conn: applicant.id, remote: applicant.remote }, 'wrong passphrase')
      applicant.reject(ERROR_CODES.wrongPassphrase, 'wrong passphrase')
      applicant.close(CLOSE_CODES.passphrase, 'wrong passphrase')
      return
    }
    // A right passphrase is not a guess: the attempt is given back.
    this.attempts.get(applicant.address).giveBack()
    this.admit(applicant, login.hello)
  }

  private admit(applicant: Applicant, hello: HelloMessage): void {
    const pending = this.pending.get(applicant)
    const wait = this.options.caughtUp?.(hello)
    if (pending && wait) {
      pending.waiting = true
      wait
        .then(() => {
          // Closed meanwhile, or the hello timeout came first (both release it): nobody to admit.
          if (this.pending.get(applicant) === pending) this.enter(applicant, hello)
        })
        // Unheard, a throw in there would end the process: the hello timeout ends this one.
        .catch((error: unknown) => {
          this.options.log.error({ error: String(error) }, 'could not admit a member')
        })
      return
    }
    this.enter(applicant, hello)
  }

  private enter(applicant: Applicant, hello: HelloMessage): void {
    if (!this.options.admit(applicant, hello)) return
    this.release(applicant)
  }
}

/** Why a passphrase cannot be used, or null. */
export function passphraseProblem(passphrase: string): string | null {
  if (passphrase.trim().length === 0) return 'must not be empty'
  if (passphrase.length > 1024) return 'must be at most 1024 characters'
  return null
}

/** A hello's `v` that is not this room's, for the refusal's sentence: `2`, `missing`, `a string`. */
function versionShown(version: unknown): string {
  if (version === undefined) return 'missing'
  if (typeof version === 'number') return String(version)
  if (version === null) return 'null'
  if (Array.isArray(version)) return 'an array'
  return typeof version === 'object' ? 'an object' : `a ${typeof version}`
}

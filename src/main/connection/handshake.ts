import {
  PROTOCOL_VERSION,
  type ErrorMessage,
  type HubMessage,
  type WelcomeMessage,
} from '../../shared/protocol'
import { helloTranscript, type ClientIdentity } from '../security/identity-core'
import {
  clientFinishLogin,
  clientStartLogin,
  passphraseIsReady,
  passphraseReady,
} from '../security/passphrase'
import { clipMessage, closeDetail, describeClose, finalEnd } from './close-reason'
import { detach, type RoomSocket } from './socket'
import type { ConnectionEnd, PeerInfo } from './state'
import type { ResumePosition } from './timeline'

const PASSPHRASE_UNAVAILABLE =
  'This client cannot run the passphrase login: its WebAssembly could not be loaded.'

/** Who this client is and what it brings to a room; the same for every attempt. */
export interface HandshakeConfig {
  name: string
  identity: ClientIdentity
  /** The room's passphrase, proved with OPAQUE (never sent). */
  passphrase?: string
  /** Checks the certificate and room before anything is sent (see RoomConnectionOptions). */
  verifyPeer?: (peer: PeerInfo) => string | null
  /** Where to resume from, asked when the hello is written. */
  resume: () => ResumePosition | null
  /** Reads a frame from the hub; null for one it cannot read (the caller reports it). */
  parse: (data: string) => HubMessage | null
}

/** How one handshake ended. */
export type HandshakeResult =
  /** In the room: the socket carries the session from now on (its handlers are the caller's). */
  | { type: 'welcome'; welcome: WelcomeMessage; fingerprint: string | null }
  /** The room, or this side, ends the connection for good (no other address is tried). */
  | { type: 'end'; end: ConnectionEnd }
  /** This address did not work out; another may (a sentence naming the address). */
  | { type: 'failed'; message: string }

/**
 * One attempt to get into the room over one socket: wait for the hub's challenge (it names
 * the room; by then the certificate is known), check both with `verifyPeer` before anything is
 * sent, log in with the passphrase if the room has one (OPAQUE: the passphrase never leaves),
 * send a hello signed over the challenge's nonce and the certificate, and wait for `welcome`.
 * Time limits are the caller's: it gives up on the socket (see `helloSent`) when it has waited
 * long enough.
 */
export class Handshake {
  /** Whether the hello was written: a socket given up after it may still take our place. */
  helloSent = false
  private peer: PeerInfo | null = null
  private loginState: string | null = null
  private refusal: ErrorMessage | null = null
  private closing: string | null = null
  private error: string | null = null
  private closed = false
  /** A frame came that could not be read (the parser dropped and reported it): a handshake that
   * times out then was answered, with something this client does not take. */
  unreadable = false

  constructor(
    private readonly socket: RoomSocket,
    private readonly url: string,
    private readonly config: HandshakeConfig,
    private readonly done: (result: HandshakeResult) => void,
  ) {
    // Nothing is sent before the hub's challenge.
    socket.onopen = null
    socket.onerror = (reason) => {
      this.error ??= reason
    }
    socket.onmessage = (data) => this.onMessage(data)
    socket.onclose = ({ code, reason }) => this.onClose(code, reason)
  }

  private onMessage(data: string): void {
    const message = this.config.parse(data)
    if (!message) {
      this.unreadable = true
      return
    }
    switch (message.type) {
      case 'challenge':
        // Another version's hello may have another shape, and its frames other meanings.
        if (message.v !== PROTOCOL_VERSION) {
          return this.giveUp(
            'incompatible',
            `This room speaks another version of LAN Room (protocol version ${message.v}; this app speaks ${PROTOCOL_VERSION}). Update the app that is older.`,
            {},
          )
        }
        return this.onChallenge(message.nonce, message.roomId, message.passphrase)
      case 'login':
        return this.onLogin(message.response)
      case 'welcome':
        // Only after our hello: a welcome before the challenge skipped the certificate check.
        if (!this.helloSent) return
        // The certificate was checked for the challenge's room: a welcome into another room
        // would be pinned, and remembered, under that other room's id.
        if (this.peer && message.room.id !== this.peer.roomId) {
          return this.giveUp(
            'untrusted',
            'The room answered as one room and welcomed this device into another: someone may be pretending to be a room.',
            { peer: this.peer },
          )
        }
        // A welcome for someone else would make this client show another's chats as its own
        // (and take their acknowledgements for its outbox's).
        if (message.you.clientId !== this.config.identity.clientId) {
          return this.giveUp(
            'refused',
            'The room welcomed someone else on this connection: it does not behave as a LAN Room.',
            {},
          )
        }
        return this.done({
          type: 'welcome',
          welcome: message,
          fingerprint: this.peer?.fingerprint ?? this.socket.peerFingerprint ?? null,
        })
      case 'error':
        this.refusal = message
        return
      case 'closing':
        this.closing = message.message
        return
    }
  }

  private onChallenge(nonce: string, roomId: string, needsPassphrase: boolean): void {
    if (this.peer) return
    const peer = { url: this.url, fingerprint: this.socket.peerFingerprint ?? null, roomId }
    this.peer = peer
    const untrusted = this.config.verifyPeer?.(peer) ?? null
    if (untrusted !== null) return this.giveUp('untrusted', untrusted, { peer })
    if (needsPassphrase) {
      const passphrase = this.config.passphrase
      if (passphrase === undefined || passphrase === '') {
        return this.giveUp('passphrase', 'This room needs a passphrase.', {
          errorCode: 'passphrase_required',
        })
      }
      if (!passphraseIsReady()) {
        // OPAQUE's WebAssembly is still loading (a process that dialled as it started): the
        // hello follows once it is, unless the socket closed meanwhile. Where it cannot load
        // (a page whose CSP lacks 'wasm-unsafe-eval'), say so rather than wait out the limit.
        passphraseReady.then(
          () => {
            if (!this.closed) this.sendLoginHello(nonce, peer.fingerprint, passphrase)
          },
          () => {
            if (this.closed) return
            this.giveUp('incompatible', PASSPHRASE_UNAVAILABLE, {})
          },
        )
        return
      }
      return this.sendLoginHello(nonce, peer.fingerprint, passphrase)
    }
    this.sendHello(nonce, peer.fingerprint, undefined)
  }

  private sendLoginHello(nonce: string, fingerprint: string | null, passphrase: string): void {
    const started = clientStartLogin(passphrase)
    this.loginState = started.state
    this.sendHello(nonce, fingerprint, started.request)
  }

  /** Signs and writes the hello. Signing is asynchronous (WebCrypto): a socket that closed, or
   * an attempt given up, meanwhile gets nothing. */
  private sendHello(nonce: string, fingerprint: string | null, login: string | undefined): void {
    const { identity } = this.config
    const clientId = identity.clientId
    identity.sign(helloTranscript({ nonce, fingerprint, clientId, login })).then(
      (sig) => {
        if (this.closed) return
        this.socket.send(JSON.stringify(this.hello(clientId, sig, login)))
        this.helloSent = true
      },
      (error: unknown) => {
        if (this.closed) return
        const why = error instanceof Error ? error.message : String(error)
        this.giveUp('unproven', clipMessage(`This device could not prove its identity: ${why}`), {})
      },
    )
  }

  /** The caller gave up on this attempt (and its socket): nothing more is sent or reported. */
  abandon(): void {
    this.closed = true
  }

  private onLogin(response: string): void {
    const { passphrase } = this.config
    if (!this.peer || this.loginState === null || passphrase === undefined) return
    const finish = clientFinishLogin(passphrase, this.loginState, response, this.peer.fingerprint)
    this.loginState = null
    if (finish === null) {
      return this.giveUp('passphrase', 'Wrong passphrase.', { errorCode: 'wrong_passphrase' })
    }
    this.socket.send(JSON.stringify({ type: 'login_finish', finish }))
  }

  private onClose(code: number, reason: string): void {
    this.closed = true
    detach(this.socket)
    const end = finalEnd(code, reason, { closing: this.closing, refusal: this.refusal })
    if (end) return this.done({ type: 'end', end })
    const message = this.helloSent
      ? `${this.url}: ${closeDetail(code, reason, this.refusal)}`
      : `cannot connect to ${this.url}: ${this.error ?? describeClose(code)}`
    this.done({ type: 'failed', message })
  }

  /** Ends the attempt, and the connection, for a reason found on this side. */
  private giveUp(
    reason: ConnectionEnd['reason'],
    message: string,
    extra: ConnectionEnd['extra'],
  ): void {
    this.closed = true
    detach(this.socket)
    this.socket.close(1000, 'bye')
    this.done({ type: 'end', end: { reason, message, closeCode: null, extra } })
  }

  /** The resume position is asked now, as the hello is written, not when signing began. */
  private hello(clientId: string, sig: string, login: string | undefined): object {
    const resume = this.config.resume()
    return {
      type: 'hello',
      v: PROTOCOL_VERSION,
      name: this.config.name,
      clientId,
      key: this.config.identity.publicKey,
      sig,
      ...(login !== undefined ? { login } : {}),
      ...(resume ? { resume } : {}),
    }
  }
}

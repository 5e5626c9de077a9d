import { SILENT_LOGGER, type Logger } from '../hub/logger'
import {
  loadOrCreateTlsCredentials,
  reissueTlsCredentials,
  saveTlsCertificate,
  type TlsCredentials,
} from './tls'
import { certificateNames, namesOfCertificate, sameNames } from './tls-names'

/**
 * The installation's certificate as hosting needs it: loaded (or made) once, then re-issued
 * with the same key whenever it must name other hosts, and saved. Calls run one after another,
 * so two renewals never race on the files.
 */
export class TlsStore {
  private current: Promise<TlsCredentials> | null = null

  constructor(private readonly dir: string) {}

  /** The credentials, naming exactly `names` when given (see certificateNames). */
  credentials(names?: readonly string[]): Promise<TlsCredentials> {
    const previous = this.current
    const next = (async (): Promise<TlsCredentials> => {
      const had = previous ? await previous.catch(() => null) : null
      if (!had) return loadOrCreateTlsCredentials(this.dir, names)
      if (names === undefined || sameNames(namesOfCertificate(had.cert), names)) return had
      return saveTlsCertificate(this.dir, await reissueTlsCredentials(had, names))
    })()
    this.current = next
    return next
  }
}

export interface CertificateRenewalOptions {
  /** The hosts the hub can be joined at now; asked every `intervalMs`. */
  hosts: () => readonly string[]
  /** Credentials naming `names`, with the same key (TlsStore.credentials). */
  credentials: (names: readonly string[]) => Promise<TlsCredentials>
  /** Hands the hub a re-issued certificate (Hub.setCertificate). */
  apply: (credentials: TlsCredentials) => void
  /** The names the certificate the hub started with holds. */
  names: readonly string[]
  /** This machine's host name, for the `.local` name; default os.hostname(). */
  hostname?: string
  /** How often the hosts are looked at. Default 2000 ms (as the advertiser does). */
  intervalMs?: number
  logger?: Logger
}

/**
 * Keeps a hosting hub's certificate naming the hosts it can be joined at, as the machine moves
 * between networks: when they change, the certificate is re-issued with the same key, saved
 * and served to new connections. The fingerprint, the pins and the verification code stay.
 * A renewal that fails leaves the hub with the certificate it had (logged), and is tried again
 * at the next change.
 */
export class CertificateRenewal {
  private names: readonly string[]
  private timer: NodeJS.Timeout | null = null
  private running: Promise<void> | null = null
  private stopped = false
  private readonly log: Logger

  constructor(private readonly options: CertificateRenewalOptions) {
    this.names = options.names
    this.log = options.logger ?? SILENT_LOGGER
  }

  start(): void {
    if (this.timer) return
    this.timer = setInterval(() => void this.check(), this.options.intervalMs ?? 2_000)
    this.timer.unref()
  }

  async stop(): Promise<void> {
    this.stopped = true
    if (this.timer) clearInterval(this.timer)
    this.timer = null
    await this.running
  }

  /** Looks at the hosts now; resolves once any renewal it started is served. */
  check(): Promise<void> {
    this.running ??= this.renew().finally(() => (this.running = null))
    return this.running
  }

  private async renew(): Promise<void> {
    const names = certificateNames(this.options.hosts(), this.options.hostname)
    if (sameNames(names, this.names)) return
    // Tried once per change, whatever comes of it: a failure is not retried every tick.
    this.names = names
    try {
      const credentials = await this.options.credentials(names)
      if (this.stopped) return
      this.options.apply(credentials)
      this.log.info({ names }, 'certificate re-issued for the current addresses (same key)')
    } catch (error) {
      this.log.error({ names }, `cannot re-issue the certificate: ${String(error)}`)
    }
  }
}

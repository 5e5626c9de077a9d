import { randomBytes } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { Socket } from 'node:net'
import type { Server as TusServer } from '@tus/server'
import { FILES_PATH, TUS_VERSION, fileNameProblem, type Limits } from '../../../shared/protocol'
import type { Logger } from '../logger'
import { BucketTable, TokenBucket } from '../token-bucket'
import { UploadPatches } from './patch-upload'
import type { SharedFiles } from './shared-files'
import type { FileTokens } from './tokens'
import { UPLOAD_ID, type UploadEntry, type UploadMetadata, type Uploads } from './uploads'

/** The status of a final PATCH whose bytes do not hash to the declared SHA-256. */
export const CHECKSUM_MISMATCH = 460

/** The tus extensions the hub implements besides core (OPTIONS /files says them). */
export const TUS_EXTENSIONS = ['creation', 'termination'] as const
/** The methods `/files/<id>` answers; any other is 405 whatever the id. */
const FILE_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'PATCH', 'DELETE'])

export interface FilesHttpOptions {
  uploads: Uploads
  shared: SharedFiles
  tokens: FileTokens
  limits: Limits
  maxFileBytes: number
  budgetBytes: number
  log: Logger
  /**
   * What the last PATCH of verified upload `id` waits for besides the hash: a clustered room's
   * put of its bytes into the room's file store (HubFiles.publish), or null for nothing. It
   * never rejects: a put that fails is the file chat's business, not the upload's.
   */
  stored?: (id: string) => Promise<void> | null
  /** Its owner deleted upload `id` (tus termination): a clustered room takes its bytes out of
   * the room's file store (HubFiles). */
  cancelled?: (id: string) => void
}

/** An error status, its text/plain sentence and extra headers. */
interface Answer {
  status: number
  body: string
  headers?: Record<string, string>
}

/**
 * The hub's file endpoints (docs/protocol.md, Files): tus 1.0.0 uploads at `/files` (core,
 * creation, termination, by @tus/server and @tus/file-store) and downloads of shared files at
 * `/files/<id>`. In front of tus it does what tus does not: the credential (a bearer token
 * bound to the member's client id), who may touch which upload, the limits (size, budget,
 * uploads in parallel and per second, per room), the idle timeout, and the SHA-256 check of a
 * finished upload.
 */
export class FilesHttp {
  /** @tus/server, loaded and made on the first request that needs it (see `tusServer`). */
  private tus: Promise<TusServer> | null = null
  /** The client id each request speaks for, for tus's hooks (they see a web Request). */
  private readonly owners = new WeakMap<object, string>()
  /** File requests not yet answered on each connection (pipelined ones share its timer). */
  private readonly open = new WeakMap<Socket, number>()
  /** Upload creations under way (checked but not yet recorded), by client id. */
  private readonly creating = new Map<string, number>()
  private creatingBytes = 0
  private readonly starts: BucketTable<TokenBucket>
  private readonly patches: UploadPatches

  constructor(private readonly options: FilesHttpOptions) {
    const { limits, uploads } = options
    this.patches = new UploadPatches(uploads)
    this.starts = new BucketTable(
      () => new TokenBucket(limits.uploadsPerSecond, limits.uploadBurst),
      // Uploads come to a member's own hub: this hub's members (maxMembers), not the room's.
      4 * limits.maxMembers,
    )
  }

  /**
   * @tus/server and @tus/file-store are loaded when the first upload needs them, not when the
   * hub starts: with what they load (srvx, and through it Node's http2, cluster and fetch) they
   * are about 5 MB of the hub's memory, which a room nobody shares a file in never needs. A
   * failed load is not kept: the next request tries again.
   */
  private tusServer(): Promise<TusServer> {
    this.tus ??= this.makeTus().catch((error: unknown) => {
      this.tus = null
      throw error
    })
    return this.tus
  }

  private async makeTus(): Promise<TusServer> {
    const [{ Server }, { FileStore }] = await Promise.all([
      import('@tus/server'),
      import('@tus/file-store'),
    ])
    const { uploads, maxFileBytes, log } = this.options
    /**
     * @tus/file-store makes its directory from its constructor with an `fs.mkdir` whose
     * callback throws: a room directory removed meanwhile (a hub stopped and its data deleted
     * at once) would be an uncaught exception. The hub has made the directory already
     * (synchronously, in hub-files.ts), so that step is skipped.
     */
    class HubFileStore extends FileStore {
      // What the hub does, and so what OPTIONS advertises (docs/protocol.md, Files): lengths
      // are declared at creation, and bytes come only by PATCH (patch-upload.ts).
      override extensions = [...TUS_EXTENSIONS]
    }
    Object.defineProperty(HubFileStore.prototype, 'checkOrCreateDirectory', { value: () => {} })
    return new Server({
      path: FILES_PATH,
      datastore: new HubFileStore({ directory: uploads.dir }),
      relativeLocation: true,
      maxSize: maxFileBytes,
      allowedOrigins: [],
      namingFunction: () => randomBytes(16).toString('hex'),
      onUploadCreate: (req, upload) => {
        const owner = this.ownerOf(req)
        const sha256 = upload.metadata?.sha256
        if (!owner || typeof sha256 !== 'string' || upload.size === undefined) {
          return Promise.reject(
            answer(400, 'Upload-Length and Upload-Metadata sha256 are required.'),
          )
        }
        const metadata: UploadMetadata = { owner, sha256 }
        const name = upload.metadata?.name
        if (typeof name === 'string') metadata.name = name
        uploads.add({ id: upload.id, owner, size: upload.size, sha256 })
        return Promise.resolve({ metadata: { ...metadata } })
      },
      onUploadFinish: async (req, upload) => {
        // The answer to the last PATCH waits for the hash (it says whether the bytes are right);
        // a large file takes longer than the idle timeout to hash on a slow disk.
        const socket = this.socketOf(req)
        if (await this.working(socket, uploads.verify(upload.id))) {
          await this.stored(upload.id, socket)
          return {}
        }
        log.warn({ upload: upload.id }, 'upload refused: checksum mismatch')
        throw answer(CHECKSUM_MISMATCH, 'checksum mismatch')
      },
    })
  }

  private ownerOf(req: { runtime?: { node?: { req: object } | undefined } }): string | undefined {
    const node = req.runtime?.node?.req
    return node ? this.owners.get(node) : undefined
  }

  private socketOf(req: { runtime?: { node?: { req: object } | undefined } }): Socket | undefined {
    const node = req.runtime?.node?.req
    return node && 'socket' in node && node.socket instanceof Socket ? node.socket : undefined
  }

  /**
   * The hub's own work (hashing a finished upload) is not the client idling: the request's idle
   * timeout stops while it runs, and starts again after.
   */
  private async working<T>(socket: Socket | undefined, work: Promise<T>): Promise<T> {
    socket?.setTimeout(0)
    try {
      return await work
    } finally {
      if (socket && !socket.destroyed) socket.setTimeout(this.options.limits.fileIdleTimeoutMs)
    }
  }

  handle(req: IncomingMessage, res: ServerResponse, path: string): void {
    this.idle(req, res)
    const clientId = this.authorize(req)
    if (!clientId) {
      return reply(res, {
        ...answer(
          401,
          'A file credential (Authorization: Bearer, from welcome.files) is required.',
        ),
        headers: { 'www-authenticate': 'Bearer' },
      })
    }
    this.route(req, res, path, clientId).catch((error: unknown) => {
      this.options.log.warn({ error: String(error) }, 'file request failed')
      if (!res.headersSent) reply(res, answer(500, 'The file request failed.'))
      else res.destroy()
    })
  }

  /** A request that moves no byte either way for fileIdleTimeoutMs is closed (slowloris). The
   * timer is the socket's: with requests pipelined on one connection, it is turned off only
   * when the last of them is answered, not when the first is. */
  private idle(req: IncomingMessage, res: ServerResponse): void {
    const socket = req.socket
    const ms = this.options.limits.fileIdleTimeoutMs
    const onTimeout = (): void => {
      this.options.log.warn({ remote: socket.remoteAddress }, 'file request idle: closed')
      socket.destroy()
    }
    this.open.set(socket, (this.open.get(socket) ?? 0) + 1)
    socket.setTimeout(ms, onTimeout)
    res.once('close', () => {
      const left = (this.open.get(socket) ?? 1) - 1
      this.open.set(socket, left)
      socket.off('timeout', onTimeout)
      socket.setTimeout(left > 0 ? ms : 0)
    })
  }

  private authorize(req: IncomingMessage): string | null {
    const match = /^Bearer ([A-Za-z0-9_-]{1,128})$/.exec(req.headers.authorization ?? '')
    return match?.[1] ? this.options.tokens.clientOf(match[1]) : null
  }

  private async route(
    req: IncomingMessage,
    res: ServerResponse,
    path: string,
    clientId: string,
  ): Promise<void> {
    const { uploads, shared } = this.options
    const method = req.method ?? 'GET'
    if (path === FILES_PATH) {
      if (method === 'OPTIONS') return this.tusHandle(req, res, clientId)
      if (method !== 'POST')
        return reply(res, notAllowed('OPTIONS, POST', 'Use POST to create an upload.'))
      const refusal = tusVersionRefusal(req)
      return refusal ? reply(res, refusal) : this.create(req, res, clientId)
    }
    const id = path.slice(FILES_PATH.length + 1)
    if (!UPLOAD_ID.test(id)) return reply(res, answer(404, 'No such file.'))
    // The method before the id: what is asked of a file or an upload does not depend on which.
    if (!FILE_METHODS.has(method)) {
      const sentence = 'Use GET or HEAD on a file; HEAD, PATCH or DELETE on an upload.'
      return reply(res, notAllowed([...FILE_METHODS].join(', '), sentence))
    }
    const file = shared.get(id)
    if (file && (method === 'GET' || method === 'HEAD')) {
      return shared.serve(req, res, file)
    }
    const upload = uploads.get(id)
    if (!upload) {
      return shared.wasRemoved(id) ? reply(res, gone()) : reply(res, answer(404, 'No such file.'))
    }
    // An upload is no file yet: nothing to download, not even for its uploader. One that is
    // not one's own is nobody else's business: 404 to a HEAD too.
    if (method === 'GET') return reply(res, answer(404, 'No such file.'))
    if (upload.owner !== clientId) {
      if (method === 'HEAD') return reply(res, answer(404, 'No such file.'))
      return reply(res, answer(403, 'This upload belongs to another member.'))
    }
    // tus asks Tus-Resumable of every request on an upload (PATCH checks its own, in turn).
    const refusal = method === 'PATCH' ? null : tusVersionRefusal(req)
    if (refusal) return reply(res, refusal)
    uploads.touch(id)
    // An upload being hashed answers once the hash is known: a HEAD must not report a complete
    // upload (which the client would then share) before the hub knows its bytes are right; if
    // they are not, the upload is gone and the answer is 404.
    if (upload.state === 'verifying') await this.working(req.socket, uploads.verify(id))
    if (!uploads.get(id)) return reply(res, answer(404, 'No such file.'))
    // Nor before its bytes are in a clustered room's file store: a client whose last PATCH
    // gave up waiting asks with a HEAD, and would send the file chat at once (to wait for the
    // put there instead, past its acknowledgement timeout).
    if (method === 'HEAD') await this.stored(id, req.socket)
    if (method === 'PATCH') return this.patch(req, res, upload)
    await this.tusHandle(req, res, clientId)
    if (method === 'DELETE' && res.statusCode === 204) {
      uploads.forget(id)
      this.options.cancelled?.(id)
    }
  }

  /**
   * The last PATCH waits for the verified upload's bytes to reach a clustered room's file store
   * (see HubFiles.publish), its idle timeout stopped as for the hash: the file chat sent after
   * its answer then finds them there, rather than waiting (with the sender's later chats) as
   * long as the copy takes. A copy that fails is the file chat's business (it is refused once,
   * and the next one copies again), not the upload's: the answer is 204 all the same.
   */
  private async stored(id: string, socket: Socket | undefined): Promise<void> {
    const putting = this.options.stored?.(id)
    if (putting) await this.working(socket, putting)
  }

  /** A PATCH (patch-upload.ts); the one that completes the upload answers once it is hashed. */
  private async patch(
    req: IncomingMessage,
    res: ServerResponse,
    upload: UploadEntry,
  ): Promise<void> {
    const tus = { 'tus-resumable': TUS_VERSION }
    const outcome = await this.patches.patch(req, upload)
    if (outcome.status !== 204 || outcome.offset === undefined) {
      const version: Record<string, string> =
        outcome.status === 412 ? { 'tus-version': TUS_VERSION } : {}
      return reply(res, {
        ...answer(outcome.status, outcome.sentence),
        headers: { ...tus, ...version },
      })
    }
    if (outcome.offset === upload.size) {
      if (!(await this.working(req.socket, this.options.uploads.verify(upload.id)))) {
        this.options.log.warn({ upload: upload.id }, 'upload refused: checksum mismatch')
        return reply(res, { ...answer(CHECKSUM_MISMATCH, 'checksum mismatch'), headers: tus })
      }
      await this.stored(upload.id, req.socket)
    }
    if (res.headersSent) return void res.destroy()
    res.writeHead(204, {
      ...tus,
      'upload-offset': String(outcome.offset),
      'cache-control': 'no-store',
    })
    res.end()
  }

  private async create(req: IncomingMessage, res: ServerResponse, clientId: string): Promise<void> {
    const refusal = this.creationRefusal(req, clientId)
    if (refusal) {
      this.options.log.debug({ clientId, status: refusal.status }, 'upload refused')
      return reply(res, refusal)
    }
    const length = Number(req.headers['upload-length'])
    this.creating.set(clientId, (this.creating.get(clientId) ?? 0) + 1)
    this.creatingBytes += length
    try {
      await this.tusHandle(req, res, clientId)
    } finally {
      const left = (this.creating.get(clientId) ?? 1) - 1
      if (left > 0) this.creating.set(clientId, left)
      else this.creating.delete(clientId)
      this.creatingBytes -= length
    }
  }

  /** Why a new upload is refused (413, 429, 507, 400), or null. */
  private creationRefusal(req: IncomingMessage, clientId: string): Answer | null {
    const { limits, uploads, maxFileBytes, budgetBytes } = this.options
    const header = req.headers['upload-length']
    if (typeof header !== 'string' || !/^\d{1,16}$/.test(header)) {
      return answer(400, 'Upload-Length is required (deferred lengths are not supported).')
    }
    if (hasBody(req)) {
      return answer(400, 'Create the upload without a body, then send its bytes with PATCH.')
    }
    const length = Number(header)
    if (length > maxFileBytes || length > budgetBytes) {
      return answer(413, `The file is larger than this room takes (${maxFileBytes} bytes).`)
    }
    const metadata = req.headers['upload-metadata']
    const metadataProblem = metadataRefusal(typeof metadata === 'string' ? metadata : '', limits)
    if (metadataProblem) return answer(400, metadataProblem)
    const busy = (sentence: string, retryAfterS: number): Answer => ({
      ...answer(429, sentence),
      headers: { 'retry-after': String(Math.max(1, retryAfterS)) },
    })
    const own = uploads.unfinishedOf(clientId) + (this.creating.get(clientId) ?? 0)
    if (own >= limits.maxParallelUploads) {
      return busy(`At most ${limits.maxParallelUploads} unfinished uploads at once.`, 5)
    }
    let creating = 0
    for (const count of this.creating.values()) creating += count
    if (uploads.size + creating >= limits.maxUnfinishedUploads) {
      return busy('The room has too many unfinished uploads; try again later.', 30)
    }
    if (uploads.declaredBytes + this.creatingBytes + length > budgetBytes) {
      return answer(507, "Unfinished uploads fill the room's file budget; try again later.")
    }
    const bucket = this.starts.get(clientId)
    if (!bucket.take()) {
      return busy('Too many uploads started; slow down.', Math.ceil(bucket.retryAfterMs() / 1000))
    }
    return null
  }

  private async tusHandle(
    req: IncomingMessage,
    res: ServerResponse,
    clientId: string,
  ): Promise<void> {
    this.owners.set(req, clientId)
    const tus = await this.tusServer()
    await tus.handle(req, res)
  }
}

/** 405, and the methods the path answers. */
function notAllowed(allow: string, sentence: string): Answer {
  return { ...answer(405, sentence), headers: { allow } }
}

/** A request that says it carries bytes (tus creation-with-upload, which the hub does not do). */
function hasBody(req: IncomingMessage): boolean {
  const length = req.headers['content-length']
  return (
    req.headers['transfer-encoding'] !== undefined ||
    (length !== undefined && length !== '0') ||
    req.headers['content-type'] === 'application/offset+octet-stream'
  )
}

/** What is wrong with a POST's Upload-Metadata (tus: `key base64,key base64`), or null. */
function metadataRefusal(header: string, limits: Limits): string | null {
  const values = new Map<string, string>()
  for (const pair of header.split(',')) {
    const [key, value = '', extra] = pair.trim().split(' ')
    if (!key || extra !== undefined) continue
    values.set(key, Buffer.from(value, 'base64').toString('utf8'))
  }
  const sha256 = values.get('sha256')
  if (!sha256 || !/^[0-9a-f]{64}$/.test(sha256)) {
    return 'Upload-Metadata must carry sha256 (64 lowercase hex digits).'
  }
  const name = values.get('name')
  if (name !== undefined) {
    const problem = fileNameProblem(name, limits)
    if (problem) return `The file name ${problem}.`
  }
  return null
}

/** An error answer: its status and text/plain sentence. */
/** 410: the file expired or was deleted (or its bytes are no longer where the hub keeps them). */
export function gone(): Answer & { status_code: number } {
  return answer(410, 'The file has expired or was deleted.')
}

export function answer(status: number, sentence: string): Answer & { status_code: number } {
  return { status, status_code: status, body: `${sentence}\n` }
}

/**
 * tus 1.0.0's 412 for a request on an upload (not OPTIONS) without `Tus-Resumable: 1.0.0`, the
 * answer naming the version the hub speaks; or null.
 */
export function tusVersionRefusal(req: IncomingMessage): Answer | null {
  if (req.headers['tus-resumable'] === TUS_VERSION) return null
  return {
    ...answer(412, `Tus-Resumable: ${TUS_VERSION} is required.`),
    headers: { 'tus-resumable': TUS_VERSION, 'tus-version': TUS_VERSION },
  }
}

/** Writes an error answer (or cuts the response short, when its head is already sent). */
export function reply(res: ServerResponse, { status, body, headers }: Answer): void {
  if (res.headersSent) return void res.destroy()
  res.writeHead(status, {
    'content-type': 'text/plain; charset=utf-8',
    'cache-control': 'no-store',
    'content-length': Buffer.byteLength(body),
    ...headers,
  })
  res.end(body)
}

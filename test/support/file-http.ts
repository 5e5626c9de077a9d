import { createHash } from 'node:crypto'
import { request as httpsRequest } from 'node:https'
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http'
import { Agent } from 'node:https'
import { deflateSync } from 'node:zlib'
import { TUS_VERSION, type FileDeclaration } from '../../src/shared/protocol'

/** An answer of the hub's file endpoints. */
export interface FileResponse {
  status: number
  headers: IncomingHttpHeaders
  body: Buffer
}

export interface FileRequest {
  method: string
  path: string
  token?: string | null
  headers?: Record<string, string>
  body?: Buffer | string
  /** The body without a Content-Length (chunked), its size known only as it arrives. */
  chunked?: boolean
  /** false: no `Tus-Resumable` header. */
  tus?: boolean
}

/** One agent per test process, no keep-alive: every request is a fresh connection. */
const agent = new Agent({ rejectUnauthorized: false, keepAlive: false })

/**
 * One HTTP(S) request to a hub on loopback (any certificate: tests check the credential, not
 * the certificate), the whole answer read.
 */
export function fileRequest(
  port: number,
  { method, path, token, headers = {}, body, chunked = false, tus = true }: FileRequest,
  tls = true,
): Promise<FileResponse> {
  const all: Record<string, string> = {
    ...(tus ? { 'tus-resumable': TUS_VERSION } : {}),
    ...headers,
  }
  if (token) all.authorization = `Bearer ${token}`
  if (body !== undefined && !chunked) all['content-length'] = String(Buffer.byteLength(body))
  return new Promise((resolve, reject) => {
    const make = tls ? httpsRequest : httpRequest
    const req = make(
      { host: '127.0.0.1', port, method, path, headers: all, ...(tls ? { agent } : {}) },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (chunk: Buffer) => chunks.push(chunk))
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks),
          }),
        )
        res.on('error', reject)
      },
    )
    req.on('error', reject)
    if (chunked && body !== undefined) req.write(body)
    req.end(chunked ? undefined : body)
  })
}

export function sha256Hex(bytes: Buffer | string): string {
  return createHash('sha256').update(bytes).digest('hex')
}

/** tus Upload-Metadata: `key base64,key base64`. */
export function uploadMetadata(values: Record<string, string>): string {
  return Object.entries(values)
    .map(([key, value]) => `${key} ${Buffer.from(value).toString('base64')}`)
    .join(',')
}

/** Creates an upload (tus POST); `sha256` defaults to the bytes' own. */
export async function createUpload(
  port: number,
  token: string | null,
  size: number,
  metadata: Record<string, string>,
  tls = true,
): Promise<{ response: FileResponse; id: string | null }> {
  const response = await fileRequest(
    port,
    {
      method: 'POST',
      path: '/files',
      token,
      headers: { 'upload-length': String(size), 'upload-metadata': uploadMetadata(metadata) },
    },
    tls,
  )
  const location = response.headers.location
  return { response, id: location ? (location.split('/').at(-1) ?? null) : null }
}

/** Sends bytes of an upload from `offset` (tus PATCH). */
export function patchUpload(
  port: number,
  token: string | null,
  id: string,
  offset: number,
  bytes: Buffer,
  tls = true,
  /** The bytes without a Content-Length (chunked): their length found as they arrive. */
  chunked = false,
): Promise<FileResponse> {
  return fileRequest(
    port,
    {
      method: 'PATCH',
      path: `/files/${id}`,
      token,
      headers: {
        'upload-offset': String(offset),
        'content-type': 'application/offset+octet-stream',
      },
      body: bytes,
      chunked,
    },
    tls,
  )
}

/** Cancels an upload (tus termination: DELETE). */
export function cancelUpload(
  port: number,
  token: string | null,
  id: string,
  tls = true,
): Promise<FileResponse> {
  return fileRequest(port, { method: 'DELETE', path: `/files/${id}`, token }, tls)
}

/** Uploads `bytes` whole (POST, then one PATCH): the upload id and the final PATCH's answer. */
export async function uploadBytes(
  port: number,
  token: string,
  bytes: Buffer,
  options: { sha256?: string; name?: string } = {},
): Promise<{ id: string; patch: FileResponse }> {
  const sha256 = options.sha256 ?? sha256Hex(bytes)
  const { response, id } = await createUpload(port, token, bytes.length, {
    sha256,
    name: options.name ?? 'file.bin',
  })
  if (response.status !== 201 || !id) {
    throw new Error(`upload refused: ${response.status} ${response.body.toString()}`)
  }
  const patch = await patchUpload(port, token, id, 0, bytes)
  return { id, patch }
}

/** A file chat's `file` for these bytes (name and type as a test likes). */
export function declaration(
  id: string,
  bytes: Buffer,
  extra: Partial<FileDeclaration> = {},
): FileDeclaration {
  return {
    id,
    name: 'report.pdf',
    size: bytes.length,
    type: 'application/pdf',
    sha256: sha256Hex(bytes),
    ...extra,
  }
}

/** A PNG whose header says width × height; its pixel data is a few bytes of nothing (what a
 * PNG bomb looks like until something decodes it). */
export function pngOfSize(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer): Buffer => {
    const length = Buffer.alloc(4)
    length.writeUInt32BE(data.length)
    return Buffer.concat([length, Buffer.from(type), data, Buffer.alloc(4)])
  }
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(width, 0)
  ihdr.writeUInt32BE(height, 4)
  ihdr[8] = 8
  ihdr[9] = 2
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.alloc(4096))),
    chunk('IEND', Buffer.alloc(0)),
  ])
}

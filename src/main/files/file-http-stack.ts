/**
 * tus-js-client's HTTP stack in Node for a room's files: Node's http client on the pinned agent,
 * as tus's own Node stack, except that a PATCH's body, a FileSlice (file-source.ts), is written
 * from a few reused buffers, each once the socket took the last bytes it held. tus's own stack
 * pipes a stream into the request, so a buffer cannot be used again: the socket may still hold
 * it after the stream moved on.
 */
import http from 'node:http'
import https from 'node:https'
import type { HttpRequest, HttpResponse, HttpStack } from 'tus-js-client'
import { FileSlice } from './file-source'

/** The most of an answer's body that is kept (tus answers carry a sentence at most). */
const MAX_ANSWER_BYTES = 64 * 1024
/** Progress is told at most this often while a body is written (and at its end). */
const PROGRESS_EVERY_MS = 100

export class FileHttpStack implements HttpStack {
  constructor(private readonly agent: http.Agent) {}

  createRequest(method: string, url: string): HttpRequest {
    return new FileRequest(method, url, this.agent)
  }

  getName(): string {
    return 'LanRoomFileHttpStack'
  }
}

class FileRequest implements HttpRequest {
  private readonly headers: Record<string, string> = {}
  private request: http.ClientRequest | null = null
  private onProgress: (bytesSent: number) => void = () => {}

  constructor(
    private readonly method: string,
    private readonly url: string,
    private readonly agent: http.Agent,
  ) {}

  getMethod(): string {
    return this.method
  }

  getURL(): string {
    return this.url
  }

  setHeader(header: string, value: string): void {
    this.headers[header] = value
  }

  getHeader(header: string): string | undefined {
    return this.headers[header]
  }

  setProgressHandler(handler: (bytesSent: number) => void): void {
    this.onProgress = handler
  }

  send(body: unknown = null): Promise<HttpResponse> {
    const url = new URL(this.url)
    const request = url.protocol === 'https:' ? https.request : http.request
    const size = body instanceof FileSlice || body instanceof Uint8Array ? bodySize(body) : null
    const req = request(url, {
      agent: this.agent,
      method: this.method,
      headers: { ...this.headers, ...(size === null ? {} : { 'Content-Length': String(size) }) },
    })
    this.request = req
    return new Promise((resolve, reject) => {
      req.once('response', (res) => {
        const parts: Buffer[] = []
        let length = 0
        res.on('data', (chunk: Buffer) => {
          if (length < MAX_ANSWER_BYTES) parts.push(chunk.subarray(0, MAX_ANSWER_BYTES - length))
          length += chunk.byteLength
        })
        res.once('end', () => resolve(new FileResponse(res, Buffer.concat(parts).toString('utf8'))))
        res.once('error', reject)
      })
      req.once('error', reject)
      if (body instanceof FileSlice) {
        let told = 0
        body
          .writeTo(req, (sent) => {
            const now = performance.now()
            if (sent < body.size && now - told < PROGRESS_EVERY_MS) return
            told = now
            this.onProgress(sent)
          })
          .catch((error: unknown) => req.destroy(error as Error))
      } else if (body instanceof Uint8Array) {
        req.end(body)
        this.onProgress(body.byteLength)
      } else {
        req.end()
      }
    })
  }

  abort(): Promise<void> {
    this.request?.destroy()
    return Promise.resolve()
  }

  getUnderlyingObject(): http.ClientRequest | null {
    return this.request
  }
}

function bodySize(body: FileSlice | Uint8Array): number {
  return body instanceof FileSlice ? body.size : body.byteLength
}

class FileResponse implements HttpResponse {
  constructor(
    private readonly response: http.IncomingMessage,
    private readonly body: string,
  ) {}

  getStatus(): number {
    return this.response.statusCode ?? 0
  }

  getHeader(header: string): string | undefined {
    const value = this.response.headers[header.toLowerCase()]
    return Array.isArray(value) ? value.join(', ') : value
  }

  getBody(): string {
    return this.body
  }

  getUnderlyingObject(): http.IncomingMessage {
    return this.response
  }
}

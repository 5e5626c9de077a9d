/**
 * tus-js-client's file source for a file on disk, reading in large blocks. Its own Node source
 * reads each chunk through a read stream of the default 64 KiB: every 64 KiB waited for a round
 * trip through the thread pool and then for the TLS socket to drain before the next read was
 * asked (strace of a 128 MiB upload: 2,047 reads of 64 KiB, each followed by one write of it).
 * Reading 1 MiB at a time with one block read ahead keeps the disk and the socket busy together.
 */
import { ReadStream, createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import type { TusFileReader } from './upload-loop'

/** Bytes per read from disk; the stream reads one such block ahead of the socket. */
export const UPLOAD_READ_BYTES = 1024 * 1024

type TusFileSource = Awaited<ReturnType<TusFileReader['openFile']>>

/** A body tus-js-client's Node stack sends as is, with its length (`size`) as Content-Length. */
type SizedStream = ReadStream & { size: number }

/** Opens the file named by `input` (a read stream made with a path, as tus's own Node reader
 * takes; it is only closed at the end) as a source of slices, each a stream of large reads. */
export const largeReadFileReader: TusFileReader = {
  async openFile(input: unknown): Promise<TusFileSource> {
    if (!(input instanceof ReadStream) || typeof input.path !== 'string') {
      throw new TypeError('the upload source must be a file read stream made with a path')
    }
    const path = input.path
    const { size } = await stat(path)
    return {
      size,
      slice: (start: number, end: number) => {
        const last = Math.min(end, size)
        // An empty slice (an empty file): a read stream cannot end before it starts.
        if (last <= start) return Promise.resolve({ value: Buffer.alloc(0), done: true })
        const stream = createReadStream(path, {
          start,
          // createReadStream's end is inclusive.
          end: last - 1,
          highWaterMark: UPLOAD_READ_BYTES,
        }) as SizedStream
        stream.size = last - start
        return Promise.resolve({ value: stream, done: last >= size })
      },
      close: () => {
        input.destroy()
      },
    }
  },
}

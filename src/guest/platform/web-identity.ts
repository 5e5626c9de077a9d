import * as noble from '@noble/ed25519'
import { clientIdOfKey, type ClientIdentity } from '../../main/security/identity-core'
import { bytesToBase64url } from '../../shared/encoding/base64url'

/**
 * A guest's identity in the browser: the same Ed25519 identity the app keeps in a file
 * (security/identity.ts), kept in IndexedDB instead, so that a reload, or a return days later,
 * is the same person. With WebCrypto's Ed25519 the private key is generated non-extractable
 * and IndexedDB keeps the CryptoKey itself: script on the page can sign with it but can never
 * read it out. Where WebCrypto lacks Ed25519 (older browsers), @noble/ed25519 signs, and its
 * 32-byte seed is what IndexedDB keeps (readable by the page's own script, unavoidably).
 */

const DB_NAME = 'lanroom'
const DB_VERSION = 1
const STORE = 'identity'
const KEY = 'self'

/** What IndexedDB keeps. */
type StoredIdentity =
  | { kind: 'webcrypto'; publicKey: string; privateKey: CryptoKey }
  | { kind: 'noble'; publicKey: string; seed: Uint8Array }

export interface WebIdentityOptions {
  /** Use @noble/ed25519 even where WebCrypto has Ed25519 (tests of the fallback). Only a new
   * identity is affected: one already stored is used as it is. */
  forceFallback?: boolean
  /** The IndexedDB database (tests keep identities apart); default `lanroom`. */
  databaseName?: string
}

/** Why a browser cannot keep an identity; `code` is stable. */
export class WebIdentityError extends Error {
  constructor(
    readonly code: 'identity_storage' | 'identity_crypto',
    message: string,
  ) {
    super(message)
    this.name = 'WebIdentityError'
  }
}

/** This browser's identity: the stored one, or a new one stored first. */
export async function loadOrCreateWebIdentity(
  options: WebIdentityOptions = {},
): Promise<ClientIdentity> {
  if (!globalThis.crypto?.subtle) {
    throw new WebIdentityError(
      'identity_crypto',
      'This page is not a secure context (https), so the browser offers no cryptography.',
    )
  }
  const db = await openDatabase(options.databaseName ?? DB_NAME)
  try {
    let kept = await read(db)
    if (kept === undefined) {
      // Two tabs may create at once: `add` keeps the first, and both use what was kept.
      await add(db, await createIdentity(options.forceFallback === true))
      kept = await read(db)
    }
    const stored = validStored(kept)
    // Not replaced, as the app does not replace a damaged key file: that would silently make
    // the person someone else in every room.
    if (!stored) {
      throw new WebIdentityError(
        'identity_storage',
        'The identity kept in this browser is damaged (clearing the site’s data starts anew).',
      )
    }
    return await identityOf(stored)
  } finally {
    db.close()
  }
}

async function createIdentity(forceFallback: boolean): Promise<StoredIdentity> {
  if (!forceFallback) {
    try {
      const pair = (await crypto.subtle.generateKey({ name: 'Ed25519' }, false, [
        'sign',
        'verify',
      ])) as CryptoKeyPair
      const raw = new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey))
      return { kind: 'webcrypto', publicKey: bytesToBase64url(raw), privateKey: pair.privateKey }
    } catch {
      // No Ed25519 in this browser's WebCrypto: the library below does the same maths.
    }
  }
  const seed = noble.utils.randomSecretKey()
  const publicKey = bytesToBase64url(await noble.getPublicKeyAsync(seed))
  return { kind: 'noble', publicKey, seed }
}

async function identityOf(stored: StoredIdentity): Promise<ClientIdentity> {
  const clientId = await clientIdOfKey(stored.publicKey)
  const encoder = new TextEncoder()
  const sign =
    stored.kind === 'webcrypto'
      ? async (data: string) => {
          const signature = await crypto.subtle.sign(
            { name: 'Ed25519' },
            stored.privateKey,
            encoder.encode(data),
          )
          return bytesToBase64url(new Uint8Array(signature))
        }
      : async (data: string) =>
          bytesToBase64url(await noble.signAsync(encoder.encode(data), stored.seed))
  return { clientId, publicKey: stored.publicKey, sign }
}

function openDatabase(name: string): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    let request: IDBOpenDBRequest
    try {
      request = indexedDB.open(name, DB_VERSION)
    } catch (error) {
      reject(storageError(error))
      return
    }
    request.onupgradeneeded = () => {
      if (!request.result.objectStoreNames.contains(STORE)) {
        request.result.createObjectStore(STORE)
      }
    }
    request.onsuccess = () => resolve(request.result)
    request.onerror = () => reject(storageError(request.error))
    request.onblocked = () => reject(storageError(new Error('another tab holds an old version')))
  })
}

function read(db: IDBDatabase): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const request = db.transaction(STORE, 'readonly').objectStore(STORE).get(KEY)
    request.onsuccess = () => resolve(request.result)
    request.onerror = () => reject(storageError(request.error))
  })
}

/** Stores `identity` unless one is there already (then keeps that one). */
function add(db: IDBDatabase, identity: StoredIdentity): Promise<void> {
  return new Promise((resolve, reject) => {
    const transaction = db.transaction(STORE, 'readwrite')
    const request = transaction.objectStore(STORE).add(identity, KEY)
    request.onerror = (event) => {
      if (request.error?.name !== 'ConstraintError') return
      // Another tab was first: not an error, its identity is the one.
      event.preventDefault()
    }
    transaction.oncomplete = () => resolve()
    transaction.onerror = () => reject(storageError(transaction.error))
    transaction.onabort = () => reject(storageError(transaction.error))
  })
}

/** What was read back, if it is an identity this code wrote (anything else is ignored). */
function validStored(value: unknown): StoredIdentity | undefined {
  if (typeof value !== 'object' || value === null) return undefined
  const record = value as Partial<Record<string, unknown>>
  if (typeof record['publicKey'] !== 'string' || !/^[A-Za-z0-9_-]{43}$/.test(record['publicKey'])) {
    return undefined
  }
  const publicKey = record['publicKey']
  if (record['kind'] === 'webcrypto' && record['privateKey'] instanceof CryptoKey) {
    return { kind: 'webcrypto', publicKey, privateKey: record['privateKey'] }
  }
  if (
    record['kind'] === 'noble' &&
    record['seed'] instanceof Uint8Array &&
    record['seed'].length === 32
  ) {
    return { kind: 'noble', publicKey, seed: record['seed'] }
  }
  return undefined
}

function storageError(cause: unknown): WebIdentityError {
  const why = cause instanceof Error ? cause.message : 'unknown error'
  return new WebIdentityError(
    'identity_storage',
    `This browser cannot keep your identity (IndexedDB: ${why}).`,
  )
}

/**
 * Where a small JSON store (settings, pinned certificates) keeps its text: a file in the app,
 * localStorage in the guest page. The stores validate what they read with their schemas
 * whatever holds it.
 */
export interface TextFile {
  /** What to call it in the log (a path, a storage key). */
  readonly name: string
  /** The text, or null when there is none yet (or it cannot be read). */
  read(): string | null
  /** Replaces the text at once (atomically where the platform can). Throws when it cannot. */
  write(text: string): void
  /** Keeps damaged text aside (as `.bad`) before the store starts over. Best effort. */
  setAside(): void
}

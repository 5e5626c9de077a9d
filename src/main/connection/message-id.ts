let counter = 0

/** A message id unique for this client: time, a counter and randomness. */
export function newMessageId(): string {
  counter = (counter + 1) % 1_000_000
  return `${Date.now().toString(36)}-${counter.toString(36)}-${Math.random().toString(36).slice(2, 8)}`
}

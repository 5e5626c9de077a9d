import type { OpEvent } from '../../src/shared/protocol'

/** A stamped reaction, edit or delete for tests: `extra` carries its emoji or text. */
export function opEvent(
  type: OpEvent['type'],
  seq: number,
  target: number,
  extra: { emoji?: string; text?: string; ts?: number; from?: string; name?: string } = {},
): OpEvent {
  const { emoji = '👍', text = 'edited', ts = seq, from = 'client-other', name = 'Other' } = extra
  const base = { seq, id: `o${seq}`, from, name, target, ts }
  if (type === 'react' || type === 'unreact') return { type, ...base, emoji }
  if (type === 'edit') return { type, ...base, text }
  return { type, ...base }
}

import { waitFor, type TestClient } from '../../../../test/support/ws-client'
import type { ChatEvent, HubMessage } from '../../../shared/protocol'

type Of<T extends HubMessage['type']> = Extract<HubMessage, { type: T }>

/**
 * Waits until `client` has received a frame of `type` for which `match` holds (whatever came
 * before or after it) and returns it: for tests where acknowledgements, refusals and
 * broadcasts interleave.
 */
export async function received<T extends HubMessage['type']>(
  client: TestClient,
  type: T,
  match: (message: Of<T>) => boolean = () => true,
): Promise<Of<T>> {
  let found: Of<T> | undefined
  await waitFor(
    () => (found = client.all(type).find(match)) !== undefined,
    undefined,
    `a ${type} frame`,
  )
  return found as Of<T>
}

/** The stamped event (the acknowledgement) of the op `id` this client sent. */
export function stampedOf<T extends 'chat' | 'react' | 'unreact' | 'edit' | 'delete'>(
  client: TestClient,
  type: T,
  id: string,
): Promise<Of<T>> {
  return received(client, type, (m) => (m as { id?: string }).id === id)
}

/** The error answering the op or request `id`. */
export function refusalOf(client: TestClient, id: string): Promise<Of<'error'>> {
  return received(client, 'error', (m) => m.id === id)
}

/** Sends a message, and waits for the stamped event or error that answers its `id`. */
export async function sendOp(
  client: TestClient,
  message: { type: string; id: string } & Record<string, unknown>,
): Promise<HubMessage> {
  client.sendJson(message)
  let found: HubMessage | undefined
  await waitFor(
    () =>
      (found = client.received.find(
        (m) =>
          (m.type === 'error' || m.type === message.type) &&
          (m as { id?: string }).id === message.id,
      )) !== undefined,
    undefined,
    `the answer to ${message.type} ${message.id}`,
  )
  return found as HubMessage
}

/** Sends a chat and waits for its acknowledgement: its stamped seq. */
export async function say(c: TestClient, id: string, text: string, extra = {}): Promise<ChatEvent> {
  const answer = await sendOp(c, { type: 'chat', id, text, ...extra })
  if (answer.type !== 'chat') throw new Error(`chat ${id} refused: ${JSON.stringify(answer)}`)
  return answer
}

/** The error code answering an op, or its stamped type. */
export async function outcome(
  c: TestClient,
  message: { type: string; id: string } & Record<string, unknown>,
): Promise<string> {
  const answer = await sendOp(c, message)
  return answer.type === 'error' ? answer.code : answer.type
}

/** Who a member sees in the room, by name, sorted: its welcome's list, then every joined, renamed
 * and left, in order. */
export function membersSeen(client: TestClient): string[] {
  const names = new Map<string, string>()
  for (const m of client.received) {
    if (m.type === 'welcome') {
      for (const member of m.members) names.set(member.clientId, member.name)
    } else if (m.type === 'joined' || m.type === 'renamed') {
      names.set(m.member.clientId, m.member.name)
    } else if (m.type === 'left') names.delete(m.clientId)
  }
  return [...names.values()].sort()
}

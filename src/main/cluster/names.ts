/**
 * The names a clustered room uses in NATS, in one place so that every hub and `lanroom cluster
 * status` agree. Room ids are tokens of [A-Za-z0-9_-], which stream, bucket and subject names
 * all allow.
 */

/** KV bucket of every room's identity in the cluster (identity.ts). */
export const ROOMS_BUCKET = 'lanroom_rooms'

/** KV bucket of a room's presence: who is on which hub (presence.ts). */
export function presenceBucket(roomId: string): string {
  return `lanroom_presence_${roomId}`
}

/** Core NATS subject of a room's typing indicators, never stored (typing.ts). */
export function typingSubject(roomId: string): string {
  return `lanroom.${roomId}.typing`
}

/** JetStream stream holding a room's events (event-log.ts). */
export function roomStream(roomId: string): string {
  return `LANROOM_${roomId}`
}

/** The one subject of a room's event stream. */
export function eventsSubject(roomId: string): string {
  return `lanroom.${roomId}.events`
}

/** A room id or hub id: what these names may be built from. */
export const CLUSTER_TOKEN = /^[A-Za-z0-9_-]{1,64}$/

/** JetStream object store of a room's shared files (file-store.ts); its stream is `OBJ_<bucket>`. */
export function filesBucket(roomId: string): string {
  return `lanroom_files_${roomId}`
}

/** KV bucket of a room's read positions, one key per client id (reads.ts). */
export function readsBucket(roomId: string): string {
  return `lanroom_reads_${roomId}`
}

/** Core NATS subject on which hubs relay their members' read positions (reads.ts). */
export function readsSubject(roomId: string): string {
  return `lanroom.${roomId}.reads`
}

/** A chunk id of an object, as the object store makes them: nothing that could widen a subject. */
export const OBJECT_NUID = /^[A-Za-z0-9]{1,64}$/

/** The subject of an object's chunks in a files bucket's stream. */
export function objectChunksSubject(bucket: string, nuid: string): string {
  return `$O.${bucket}.C.${nuid}`
}

/** The subject of an object's record: its name in padded base64url, as the object store has it. */
export function objectRecordSubject(bucket: string, name: string): string {
  const encoded = Buffer.from(name).toString('base64url')
  return `$O.${bucket}.M.${encoded}${'='.repeat((4 - (encoded.length % 4)) % 4)}`
}

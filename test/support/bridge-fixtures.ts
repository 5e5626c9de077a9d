import { DEFAULT_PREFERENCES, type Snapshot, type UpdateState } from '../../src/shared/bridge'
import type { BridgeHandlers } from '../../src/main/bridge/dispatch'

/** A valid snapshot for bridge tests. */
export const SNAPSHOT: Snapshot = {
  profileSet: true,
  profile: { name: 'Ada', clientId: 'client-ada-0001' },
  situation: 'idle',
  directory: { status: 'searching', rooms: [], emptySince: 0, error: null },
  room: null,
  lastRoomName: null,
  platform: 'linux',
  certificateWarning: null,
  joinFailure: null,
}

const OK = { ok: true } as const

/** A valid update state: an update downloaded and ready. */
export const UPDATE_STATE: UpdateState = {
  status: 'ready',
  availability: 'automatic',
  currentVersion: '0.1.0',
  version: '0.2.0',
  releaseNotes: 'Faster joins.',
  progress: null,
  lastCheck: 1_700_000_000_000,
  error: null,
}

/** Handlers for every contract command with plain valid answers; tests override some. */
export function fixtureHandlers(overrides: Partial<BridgeHandlers> = {}): BridgeHandlers {
  return {
    getSnapshot: () => SNAPSHOT,
    getTimeline: () => ({ reset: true, confirmed: [], pending: [] }),
    setProfile: (args) => ({ name: args.name, clientId: 'client-ada-0001' }),
    hostRoom: () => OK,
    stopHosting: () => OK,
    joinRoom: () => OK,
    inspectAddress: () => ({
      address: 'wss://192.168.1.20:47800/ws',
      roomId: 'room-1',
      name: 'Team',
      hostName: 'Ada',
      passphrase: false,
      encrypted: true,
      fingerprint: 'ab'.repeat(32),
      verificationCode: 'NAXBA-NAXBA',
      pin: 'new',
      pinnedCode: null,
      roomCode: null,
    }),
    joinAddress: () => OK,
    trustNewCertificate: () => OK,
    dismissCertificateWarning: () => OK,
    leaveRoom: () => OK,
    sendChat: () => ({ id: 'm1' }),
    retryMessage: () => OK,
    discardMessage: () => OK,
    setTyping: () => OK,
    retryNow: () => OK,
    markRead: () => OK,
    react: () => OK,
    unreact: () => OK,
    editMessage: () => OK,
    deleteMessage: () => OK,
    loadOlder: () => ({ added: 0, first: true, trimmed: false }),
    search: () => ({ matches: [], more: false }),
    openAt: () => OK,
    copyText: () => OK,
    getPreferences: () => ({ ...DEFAULT_PREFERENCES, scanPorts: [], watched: [], mutedRooms: [] }),
    setPreferences: (args) => ({
      ...DEFAULT_PREFERENCES,
      mutedRooms: [],
      spellcheck: args.spellcheck ?? true,
      interfaces: args.interfaces ?? null,
      scanPorts: args.scanPorts ?? [],
      watched: args.watched ?? [],
    }),
    listInterfaces: () => [],
    lookHarder: () => OK,
    cancelLookHarder: () => OK,
    runDoctorCheck: (args) => ({
      id: args.check,
      title: 'Check',
      status: 'ok',
      found: 'fine',
      fix: null,
      details: [],
      steps: [],
      durationMs: 1,
    }),
    stageFiles: (args) => ({
      staged: args.files.map((file, index) => ({
        stageId: `s${index + 1}`,
        name: file.name,
        size: file.bytes?.byteLength ?? 0,
        type: file.type,
      })),
    }),
    pickFiles: () => ({ staged: [] }),
    unstageFile: () => OK,
    sendFiles: (args) => ({ transferIds: args.stageIds.map((id) => `t-${id}`) }),
    downloadFile: (args) => ({ transferId: `d${args.seq}` }),
    cancelTransfer: () => OK,
    resumeTransfer: () => OK,
    showInFolder: () => OK,
    openFile: () => OK,
    readImage: () => ({ bytes: new Uint8Array([0x89, 0x50, 0x4e, 0x47]), type: 'image/png' }),
    chooseDownloadDir: () => ({ changed: false, downloadDir: null }),
    getUpdate: () => UPDATE_STATE,
    checkForUpdates: () => ({
      ...UPDATE_STATE,
      status: 'up-to-date',
      lastCheck: 1_700_000_000_000,
    }),
    restartToUpdate: () => OK,
    ...overrides,
  }
}

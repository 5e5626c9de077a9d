/**
 * Outside the page and across it: the language setting, error sentences by code (errors),
 * notifications, the tray menu, main process dialogs, the updater.
 */
export const platform = {
  appearance: {
    heading: 'Appearance',
    theme: 'Theme',
    timeFormat: 'Time format',
    system: 'System',
    systemThemeHint: 'as your computer is set',
    light: 'Light',
    dark: 'Dark',
    twelveHour: '12-hour',
    twentyFourHour: '24-hour',
    /** An example time in a format (Intl's): as it is, in every language. */
    timeSample: '{{time}}',
  },
  languageSetting: {
    legend: 'Language',
    system: 'System ({{language}})',
  },
  tray: {
    open: 'Open LAN Room',
    quit: 'Quit LAN Room',
    mute: 'Mute this room',
    unmute: 'Unmute this room',
    stopHosting: 'Stop hosting',
    roomUnread_one: '{{room}} ({{unread}} unread)',
    roomUnread_other: '{{room}} ({{unread}} unread)',
    tooltipHosting: 'LAN Room: Hosting {{room}}',
    tooltipJoined: 'LAN Room: In {{room}}',
    tooltipUnread_one: '{{status}} ({{unread}} unread)',
    tooltipUnread_other: '{{status}} ({{unread}} unread)',
    tooltipMuted: '{{status}}, muted',
  },
  notifications: {
    messageIn: '{{name}} in {{room}}',
    mention: '{{name}} mentioned you',
    mentionIn: '{{name}} mentioned you in {{room}}',
    mentions_one: '{{count}} mention of you',
    mentions_other: '{{count}} mentions of you',
    mentionsIn_one: '{{count}} mention of you in {{room}}',
    mentionsIn_other: '{{count}} mentions of you in {{room}}',
    newMessages_one: '{{count}} new message from {{from}}',
    newMessages_other: '{{count}} new messages from {{from}}',
    newMessagesIn_one: '{{count}} new message from {{from}} in {{room}}',
    newMessagesIn_other: '{{count}} new messages from {{from}} in {{room}}',
    twoSenders: '{{name}} and {{other}}',
    manySenders_one: '{{name}} and {{count}} other',
    manySenders_other: '{{name}} and {{count}} others',
    quote: '{{name}}: {{text}}',
    hidden: 'New message from {{name}}',
  },
  dialogs: {
    stillRunningTitle: 'LAN Room is still running',
    stillRunningHostingTray:
      'Your room {{room}} stays open. LAN Room keeps running in the tray: open it from there, or choose Quit there to leave.',
    stillRunningJoinedTray:
      'You are still in {{room}}. LAN Room keeps running in the tray: open it from there, or choose Quit there to leave.',
    stillRunningHostingMenuBar:
      'Your room {{room}} stays open. LAN Room keeps running in the menu bar: open it from there, or choose Quit there to leave.',
    stillRunningJoinedMenuBar:
      'You are still in {{room}}. LAN Room keeps running in the menu bar: open it from there, or choose Quit there to leave.',
    couldNotStart: 'LAN Room could not start',
    windowCannotShow: 'Its window cannot be shown: {{error}}',
    identityAdvice:
      'LAN Room keeps its key, certificate and settings in {{dir}}. If identity.pem there is damaged, move it elsewhere: LAN Room then makes a new one, and other people see you as a new person.',
  },
  /** The installers' texts that are ours (the Linux desktop entry's Comment). */
  installer: {
    comment: 'Chat with the people on your local network',
  },
  contextMenu: {
    cut: 'Cut',
    copy: 'Copy',
    paste: 'Paste',
    selectAll: 'Select all',
    noSuggestions: 'No suggestions',
    addToDictionary: 'Add to dictionary',
    copyLinkAddress: 'Copy link address',
  },
  /**
   * A failure's sentence by its stable code, for every language but English (English shows main's
   * own sentence, which may name the file or address; these are its translation's source). What
   * happened, then what to do.
   */
  errors: {
    APP_ERR_ALREADY_SENT: 'That file is already sent. Delete the message to take it back.',
    APP_ERR_BAD_ADDRESS:
      'That is not an address. Type it as host:port, for example 192.168.1.20:47800.',
    APP_ERR_BAD_CODE:
      'That is not a valid room code. Check it against the code the host sees in their room.',
    APP_ERR_BUSY: 'You are already in a room. Leave it (or stop hosting) first.',
    APP_ERR_CERTIFICATE_CHANGED:
      'The room’s certificate has changed since you last joined. Compare the verification code with the host before trusting it.',
    APP_ERR_CERTIFICATE_DOWNGRADED:
      'The room used to be encrypted and now is not. Ask the host what changed before joining.',
    APP_ERR_CERTIFICATE_UNEXPECTED:
      'The room presented another certificate than the one you confirmed. Check the verification code with the host.',
    APP_ERR_CODE_MISMATCH:
      'The room at that address does not match the room code. Check the code with the host.',
    APP_ERR_CONNECT: 'The room could not be joined. Check that it is still open, then try again.',
    APP_ERR_EXECUTABLE: 'That file is a program. Confirm that you trust it before opening it.',
    APP_ERR_FILES_UNAVAILABLE: 'This room does not take files.',
    APP_ERR_FILE_EXPIRED: 'The room no longer has that file. Ask the sender to send it again.',
    APP_ERR_FILE_TOO_LARGE: 'That file is larger than the room takes. Share a smaller one.',
    APP_ERR_FILE_UNREADABLE:
      'That file could not be read. Check that it still exists and that you may open it.',
    APP_ERR_INCOMPATIBLE:
      'This room runs a version of LAN Room that cannot talk to yours. Update one of the two apps.',
    APP_ERR_INVALID: 'The room refused the request as invalid.',
    APP_ERR_NOTHING_TO_TRUST: 'There is no changed certificate of that room to trust.',
    APP_ERR_NOT_AN_IMAGE: 'That file cannot be shown as an image. Download it to open it.',
    APP_ERR_NOT_AUTHOR: 'You can only change your own messages.',
    APP_ERR_NOT_A_FILE: 'That message has no file.',
    APP_ERR_NOT_CONNECTED:
      'You are not connected to the room right now. Wait for the connection to come back, then try again.',
    APP_ERR_NOT_DOWNLOADED: 'That file is not downloaded. Download it again.',
    APP_ERR_NOT_FOUND: 'That message is no longer in the room.',
    APP_ERR_NOT_HOSTING: 'You are not hosting a room.',
    APP_ERR_NOT_IN_BROWSER:
      'This is not available in the browser yet. Use the LAN Room app for it.',
    APP_ERR_NOT_IN_ROOM: 'You are not in a room.',
    APP_ERR_OPEN_FAILED: 'The file could not be opened. Open it from its folder instead.',
    APP_ERR_PASSPHRASE_REQUIRED: 'This room needs a passphrase. Ask the host for it.',
    APP_ERR_RATE_LIMITED: 'Too many requests to the room. Wait a moment, then try again.',
    APP_ERR_REQUEST_FAILED: 'The room could not carry out the request. Try again.',
    APP_ERR_ROOM_GONE: 'That room is no longer nearby. Try joining by address.',
    APP_ERR_TIMEOUT: 'The room did not answer in time. Try again.',
    APP_ERR_TOO_MANY_ATTEMPTS: 'Too many wrong passphrases. Wait a little before trying again.',
    APP_ERR_TOO_MANY_FILES: 'Too many files at once. Send fewer at a time.',
    APP_ERR_TOO_MANY_NOTICES: 'Some notices were left out because too many came at once.',
    APP_ERR_UNKNOWN_STAGED: 'That file is no longer ready to send. Add it again.',
    APP_ERR_UNKNOWN_TRANSFER: 'That transfer no longer exists.',
    APP_ERR_UNREACHABLE:
      'The room could not be reached. Check that you are on the same network as the host.',
    APP_ERR_UNSUPPORTED: 'This room’s host runs a version of LAN Room without this.',
    APP_ERR_UPLOAD_FAILED: 'The upload failed. Try sending the file again.',
    APP_ERR_WRONG_PASSPHRASE: 'That passphrase is not the room’s. Check it with the host.',
    BRIDGE_ERR_HANDLER_FAILED:
      'Something went wrong in LAN Room. Try again; the details are in the log.',
    BRIDGE_ERR_INVALID_ARGS: 'LAN Room could not understand that request. Try again.',
    BRIDGE_ERR_INVALID_PAYLOAD: 'An update was too large to show and was left out.',
    BRIDGE_ERR_INVALID_RESULT:
      'LAN Room gave an answer it should not have. Try again; the details are in the log.',
    BRIDGE_ERR_UNAVAILABLE: 'LAN Room is not ready or is closing. Try again in a moment.',
    BRIDGE_ERR_UNTRUSTED_SENDER:
      'The request did not come from LAN Room’s own window and was refused.',
    HUB_ERR_BAD_OPTIONS: 'The room’s settings are not valid. Check its name and passphrase.',
    HUB_ERR_GUEST_APP: 'The page for browser guests is missing, so the room cannot take guests.',
    HUB_ERR_LISTEN: 'The room could not open its network port. Check the firewall, then try again.',
    HUB_ERR_PORT_IN_USE:
      'The room’s port is already in use. Close the other program or choose another port.',
    HUB_ERR_ROOM_IN_USE:
      'This room is already open on this computer, from the same data (in another LAN Room or lanroom host). Close it there first.',
    HUB_ERR_STORE_FAILED:
      'Your room stopped: its history could not be saved on this computer. Check that the disk has free space and can be written to, then host it again; messages that were not confirmed stayed with their senders.',
    HUB_ERR_START: 'The room could not be started. The details are in the log.',
    SCAN_ERR_NOT_AN_ADDRESS:
      'That is not an address. Type an IPv4 address, or a subnet such as 192.168.1.0/24.',
    SCAN_ERR_NOT_PRIVATE: 'Only addresses of a local network can be watched.',
    SCAN_ERR_TOO_WIDE: 'That subnet is too wide. Watch at most a /22 (1,024 addresses).',
    UPDATE_ERR_DOWNLOAD: 'The update could not be downloaded. It will be tried again.',
    UPDATE_ERR_FAILED: 'Checking for updates failed.',
    UPDATE_ERR_FEED:
      'The release feed has no usable update right now. It will be checked again later.',
    UPDATE_ERR_HOSTING: 'Restarting would end your room for everyone. Confirm it first.',
    UPDATE_ERR_NOT_READY: 'No update is ready to install.',
    UPDATE_ERR_OFFLINE: 'GitHub could not be reached to check for updates. Check the connection.',
    UPDATE_ERR_SIGNATURE:
      'The update is not signed by LAN Room’s publisher, so it was not installed.',
    UPDATE_ERR_UNAVAILABLE: 'This copy of LAN Room does not update itself.',
    CHAT_ERR_INVALID_MESSAGE: 'The room did not accept this message as valid.',
    CHAT_ERR_UNKNOWN_TARGET: 'The message it answers is no longer in the room.',
    CHAT_ERR_UNKNOWN_UPLOAD:
      'The room does not have the file this message shares. Send the file again.',
    CHAT_ERR_FILE_MISMATCH:
      'The file this message shares is not the one that was uploaded. Send the file again.',
    CONN_ERR_INVALID: 'This message is too long for the room, or not valid.',
    CONN_ERR_UNSUPPORTED:
      'This room’s host runs a version of LAN Room that cannot take this message.',
    /** How far opening the timeline far back has come: messages loaded so far. */
    ROOM_INFO_PROGRESS_one: 'Loading older messages… {{count, number}} so far',
    ROOM_INFO_PROGRESS_other: 'Loading older messages… {{count, number}} so far',
    /** An op's refusal; `{{op}}` is its failure, from `errorOps` ("Could not add the reaction"). */
    ROOM_ERR_OP_FAILED: '{{op}}.',
    ROOM_ERR_OP_NOT_AUTHOR: '{{op}}: only its author can.',
    ROOM_ERR_OP_UNKNOWN_TARGET: '{{op}}: the message is no longer in the room.',
    ROOM_ERR_OP_TOO_MANY_REACTIONS: '{{op}}: the message has as many reactions as it can hold.',
    ROOM_ERR_OP_CLOSED: '{{op}}: you are no longer connected to the room.',
    ROOM_ERR_OP_UNSUPPORTED: '{{op}}: this room’s host runs a version of LAN Room without it.',
    ROOM_ERR_OP_INVALID: '{{op}}: it is too long for the room, or not valid.',
    ROOM_ERR_OP_REFUSED: '{{op}}: the room refused it.',
    /** The hub's `error` about none of our messages (its codes, docs/protocol.md); English
     * shows the hub's own sentence, as does a code missing here. */
    ROOM_ERR_HUB_INVALID_JSON:
      'The room could not read a message from LAN Room. If this happens again, leave the room and join again.',
    ROOM_ERR_HUB_INVALID_MESSAGE:
      'A message between LAN Room and the room was not valid. If this happens again, leave the room and join again.',
    ROOM_ERR_HUB_UNKNOWN_TYPE:
      'This room’s host runs a version of LAN Room that does not know one of this app’s messages.',
    ROOM_ERR_HUB_HELLO_REQUIRED: 'The room refused a message sent before joining was complete.',
    ROOM_ERR_HUB_ALREADY_JOINED: 'The room says this connection has already joined.',
    ROOM_ERR_HUB_RATE_LIMITED: 'You are sending faster than the room allows. Wait a moment.',
    ROOM_ERR_HUB_BINARY_UNSUPPORTED: 'The room does not take that kind of message.',
    ROOM_ERR_HUB_ROOM_FULL: 'The room is full. Try again when someone has left.',
    ROOM_ERR_HUB_INCOMPATIBLE_VERSION:
      'This room runs a version of LAN Room that cannot talk to yours. Update one of the two apps.',
    ROOM_ERR_HUB_IDENTITY_UNPROVEN:
      'The room could not verify this app’s identity. Leave the room and join again.',
    ROOM_ERR_HUB_PASSPHRASE_REQUIRED: 'This room needs a passphrase. Ask the host for it.',
    ROOM_ERR_HUB_WRONG_PASSPHRASE: 'That passphrase is not the room’s. Check it with the host.',
    ROOM_ERR_HUB_TOO_MANY_ATTEMPTS:
      'Too many wrong passphrases. Wait a little before trying again.',
    ROOM_ERR_HUB_NOT_AUTHOR: 'Only its author can change that message.',
    ROOM_ERR_HUB_UNKNOWN_TARGET: 'That message is no longer in the room.',
    ROOM_ERR_HUB_NO_CHANGE: 'That would change nothing.',
    ROOM_ERR_HUB_TOO_MANY_REACTIONS: 'That message has as many reactions as it can hold.',
    ROOM_ERR_HUB_MENTION_LIMITED_one:
      'Your message was sent without @room: @room can notify everyone again in {{count}} second.',
    ROOM_ERR_HUB_MENTION_LIMITED_other:
      'Your message was sent without @room: @room can notify everyone again in {{count}} seconds.',
    ROOM_ERR_HUB_UNKNOWN_UPLOAD:
      'The room does not have the file this message shares. Send the file again.',
    ROOM_ERR_HUB_FILE_MISMATCH:
      'The file this message shares is not the one that was uploaded. Send the file again.',
    ROOM_ERR_HUB_REQUEST_LIMITED: 'Too many requests to the room. Wait a moment, then try again.',
    HUB_ERR_CLUSTER:
      'The room cannot be served through NATS. Check that the NATS servers are running and reachable.',
    FILE_ERR_UNAUTHORIZED:
      'The room did not accept the request for this file. Leave the room, join again and retry.',
    FILE_ERR_FORBIDDEN: 'The room does not allow you to do that with this file.',
    FILE_ERR_NOT_FOUND: 'The room does not have this file.',
    FILE_ERR_EXPIRED: 'The room no longer has this file.',
    FILE_ERR_TOO_LARGE: 'This file is larger than the room accepts.',
    FILE_ERR_BUDGET: 'The room has no space left for files. Try again later.',
    FILE_ERR_BUSY: 'The room is busy with other files. Try again in a moment.',
    FILE_ERR_CHECKSUM: 'The file arrived at the room damaged. Send it again.',
    FILE_ERR_CORRUPT:
      'The downloaded file does not match the one shared, so it was not kept. Try again.',
    FILE_ERR_CANCELLED: 'The transfer was cancelled.',
    FILE_ERR_NETWORK: 'The room could not be reached. Check your connection and try again.',
    FILE_ERR_IO: 'The file could not be read or saved on this computer.',
    LINK_ERR_TOO_LONG: 'This link cannot be opened. It is longer than a LAN Room link can be.',
    LINK_ERR_CHARACTER:
      'This link cannot be opened. It has a character no LAN Room link has (a space, a control character or a letter outside ASCII).',
    LINK_ERR_SCHEME: 'This link cannot be opened. This is not a LAN Room link (lanroom://join/…).',
    LINK_ERR_ENCODED:
      'This link cannot be opened. LAN Room links never contain escaped characters (%).',
    LINK_ERR_QUERY: 'This link cannot be opened. LAN Room links have no query string or fragment.',
    LINK_ERR_CREDENTIALS:
      'This link cannot be opened. LAN Room links carry no user name or password.',
    LINK_ERR_ACTION:
      'This link cannot be opened. The only LAN Room link is lanroom://join/<room code or address>.',
    LINK_ERR_TARGET:
      'This link cannot be opened. A join link names one room code or one host:port.',
    LINK_ERR_CODE: 'This link cannot be opened. The room code in this link cannot be read.',
    LINK_ERR_ADDRESS:
      'This link cannot be opened. The address in this link is not host:port (an IPv6 address in brackets).',
  },
  /** The op an `errors.ROOM_ERR_OP_…` sentence is about, as the start of that sentence. */
  errorOps: {
    react: 'Could not add the reaction',
    unreact: 'Could not take the reaction back',
    edit: 'Could not edit the message',
    delete: 'Could not delete the message',
  },
  startup: {
    messagesNotLoaded: 'The room’s messages could not be loaded: {{reason}}',
  },
}

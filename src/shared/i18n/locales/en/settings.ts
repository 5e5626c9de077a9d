/**
 * The settings dialog and its pages, preferences, confirmation dialogs, the passphrase field, the
 * update notice; and the window's own text (its title, the start screen).
 */
export const settings = {
  app: {
    lobbyTitle: 'Lobby — LAN Room',
    roomTitle: '{{room}} — LAN Room',
    roomTitleUnread: '({{unread, number}}) {{room}} — LAN Room',
    couldNotStart: 'LAN Room could not start',
    starting: 'Starting',
    linkWaiting:
      'A link to join {{target}} arrived. Leave {{room}} to see it under Join by address.',
  },
  settingsDialog: {
    title: 'Settings',
  },
  preferencesForm: {
    profile: 'Profile',
    saveName: 'Save name',
    saved: 'Saved.',
    savedInRoom: 'Saved. The room sees your new name.',
    privacy: 'Privacy and typing',
    readReceipts: 'Send read receipts',
    readReceiptsHint:
      'Others see “Seen by” on their messages once you have read them. Turn this off and how far you have read is never sent.',
    spellcheck: 'Check spelling as I type',
    spellcheckHint:
      'Misspelled words are underlined in the message box; right-click one for suggestions.',
    spellcheckMac: 'macOS checks the spelling itself.',
    spellcheckDownload:
      'The dictionaries are downloaded from Google’s servers, once for each language (what you type is never sent). Turn this off and nothing is downloaded.',
    files: 'Files',
    troubleshooting: 'Troubleshooting',
    doctorHint: 'Rooms do not show up, or cannot be joined? The doctor checks why.',
    doctor: 'Network doctor…',
    done: 'Done',
  },
  settingsNotifications: {
    title: 'Notifications',
    hint: 'Shown while the LAN Room window is not in front.',
    notifyAbout: 'Notify me about',
    all: 'All messages',
    mentions: 'Only mentions of me',
    mentionsHint: 'and @room',
    none: 'None',
    showText: 'Show message text in notifications',
    showTextHint:
      'Off: notifications say only who wrote (“New message from Ada”), for screens others can see.',
    sounds: 'Play a sound with notifications',
    mute: 'Mute {{room}}',
    muteHint: 'A muted room notifies you only when someone mentions you (or @room).',
  },
  settingsHosting: {
    title: 'Hosting',
    allowGuests: 'Let people join from a browser',
    allowGuestsHint:
      'Your room shows a QR code and a link that open it in a phone’s or a computer’s browser, without the app. They are marked as guests. Turn this off and browsers are refused, in the room you are hosting too; people with the app are not affected.',
  },
  settingsStartup: {
    title: 'Startup',
    atLogin: 'Start LAN Room when you log in',
    atLoginHintTray:
      'It starts in the tray, without a window, so that you see rooms and messages as they come.',
    atLoginHintMenuBar:
      'It starts in the menu bar, without a window, so that you see rooms and messages as they come.',
  },
  settingsUpdates: {
    title: 'Updates',
    version: 'LAN Room {{version}}',
    packageManager: 'Updates come from your system’s package manager.',
    development: 'This is a development build or a test run: it does not check for updates.',
    unsupported:
      'This copy of LAN Room cannot update itself: install new versions the way you installed this one.',
    automatic: 'Check for updates automatically',
    automaticHint:
      'At start and every few hours, LAN Room asks GitHub for a new release and downloads it in the background. It never restarts by itself.',
    checking: 'Checking for updates…',
    downloading: 'Downloading version {{version}}: {{percent}} %',
    ready: 'Version {{version}} is ready: restart LAN Room to install it.',
    upToDate: 'LAN Room is up to date.',
    failed: 'Checking for updates failed.',
    lastChecked: 'Last checked {{when}}.',
    checkingShort: 'Checking…',
    checkNow: 'Check now',
  },
  downloadFolder: {
    label: 'Download folder',
    systemFolder: 'Your Downloads folder',
    change: 'Change…',
    hint: 'Files you download from a room are saved here. Nothing is downloaded unless you ask.',
  },
  confirmDialog: {
    working: 'Working…',
  },
  passphraseField: {
    label: 'Passphrase',
    show: 'Show',
    hide: 'Hide',
  },
  updateNotice: {
    downloading: 'Downloading LAN Room {{version}}…',
    progressLabel: 'Update download',
    percent: '{{percent}} %',
    ready: 'LAN Room {{version}} is ready',
    installed: 'It is installed when you restart LAN Room.',
    installedHosting: 'It is installed when you restart LAN Room, which ends the room you host.',
    releaseNotes: 'Release notes',
    hideReleaseNotes: 'Hide release notes',
    later: 'Later',
    restarting: 'Restarting…',
    restart: 'Restart to update',
    confirmTitle: 'Restart to update?',
    confirmNamed:
      'You are hosting “{{room}}”. Restarting ends the room for everyone in it; they can join again once you host it again.',
    confirmUnnamed:
      'You are hosting a room. Restarting ends the room for everyone in it; they can join again once you host it again.',
    confirmLabel: 'End the room and restart',
  },
}

import type { Catalogue } from '../en'

/**
 * The composer and files: attachments, the file tray and cards, drop zone, transfers, the image
 * lightbox, code blocks.
 */
export const composer: Catalogue = {
  composer: {
    replyingTo: 'Antwort an {{name}}',
    cancelReply: 'Antwort abbrechen',
    cancelReplyTitle: 'Antwort abbrechen (Esc)',
    mentionList: 'Jemanden erwähnen',
    mentionRoom: 'Alle im Raum benachrichtigen',
    insertEmoji: 'Emoji einfügen',
    label: 'Nachricht',
    placeholder: 'Nachricht an {{room}}',
    notConnected: 'Nicht verbunden',
    emoji: 'Emoji',
    send: 'Senden',
    keys: '{{enter}} zum Senden, {{shift}} + {{enter}} für eine neue Zeile',
    keyEnter: 'Eingabe',
    keyShift: 'Umschalt',
  },
  lengthHint: {
    over_one: '{{count, number}} Zeichen zu lang',
    over_other: '{{count, number}} Zeichen zu lang',
    tooBig: 'Zu lang für eine Nachricht',
    count: '{{length, number}} / {{max, number}}',
  },
  unsent: {
    warning_one:
      '1 Nachricht von dir wurde noch nicht gesendet. Wenn du jetzt gehst, geht sie verloren.',
    warning_other:
      '{{count, number}} Nachrichten von dir wurden noch nicht gesendet. Wenn du jetzt gehst, gehen sie verloren.',
  },
  attachButton: {
    label: 'Dateien anhängen',
  },
  fileTray: {
    list: 'Zu sendende Dateien',
    remove: '{{name}} entfernen',
    removeTitle: 'Entfernen',
    preparing: 'Dateien werden vorbereitet…',
    folders:
      'Ordner können nicht geteilt werden: Zieh die Dateien darin hierher oder ein ZIP-Archiv des Ordners.',
    tooMany_one: 'Höchstens {{count}} Datei passt in eine Nachricht.',
    tooMany_other: 'Höchstens {{count}} Dateien passen in eine Nachricht.',
  },
  dropZone: {
    title: 'Ablegen, um mit {{room}} zu teilen',
    hint: 'Vor dem Senden kannst du noch einen Text dazuschreiben.',
    refusedTitle: 'Dieser Raum nimmt keine Dateien an',
    refusedHint:
      'Der Gastgeber hat das Teilen von Dateien ausgeschaltet oder nutzt eine ältere Version.',
  },
  droppedFiles: {
    pastedImage: 'Eingefügtes Bild {{date}} {{time}}',
  },
  fileSize: {
    bytes: '{{value}} B',
    kilobytes: '{{value}} KB',
    megabytes: '{{value}} MB',
    gigabytes: '{{value}} GB',
    terabytes: '{{value}} TB',
    unknown: '? B',
  },
  transfer: {
    preparing: 'Wird vorbereitet…',
    verifying: 'Wird geprüft…',
    checking: 'Der Raum prüft die Datei…',
    sending: 'Wird gesendet…',
    paused: 'Warte auf den Raum… {{done}} von {{size}}',
    progress: '{{done}} von {{size}}',
    tooLarge: '„{{name}}“ ist {{size}} groß: Dieser Raum nimmt Dateien bis {{max}} an.',
  },
  fileCard: {
    viewTitle: 'In voller Größe ansehen',
    downloadAndViewTitle: 'Herunterladen und in voller Größe ansehen',
    view: '{{name}} in voller Größe ansehen',
    program: 'Programm (.{{extension}})',
    gone: 'nicht mehr im Raum',
    verified: 'geprüft',
    verifiedTitle:
      'Heruntergeladen; die SHA-256-Prüfsumme stimmt mit der Angabe beim Teilen überein',
    failed: 'Download fehlgeschlagen',
    failedWith: 'Download fehlgeschlagen: {{reason}}',
    sendingProgress: '{{name}} wird gesendet',
    downloadingProgress: '{{name}} wird heruntergeladen',
    cancel: 'Abbrechen',
    cancelSending: 'Senden von {{name}} abbrechen',
    cancelDownload: 'Download von {{name}} abbrechen',
    expired: 'Abgelaufen',
    save: 'Speichern',
    saveNamed: '{{name}} speichern',
    open: 'Öffnen',
    openNamed: '{{name}} öffnen',
    showInFolder: 'Im Ordner zeigen',
    retry: 'Erneut versuchen',
    retryNamed: 'Download von {{name}} erneut versuchen',
    download: 'Herunterladen',
    downloadNamed: '{{name}} herunterladen',
    saveTitle: '„{{name}}“ speichern?',
    openTitle: '„{{name}}“ öffnen?',
    saveProgram:
      'Diese Datei ist ein Programm. Öffnest du sie nach dem Speichern, läuft sie mit deinen Rechten und kann alles tun, was du tun kannst. Speichere sie nur, wenn du {{sender}} vertraust (von dort kommt sie) und diese Datei erwartet hast.',
    openProgram:
      'Diese Datei ist ein Programm. Beim Öffnen läuft sie auf diesem Computer mit deinen Rechten und kann alles tun, was du tun kannst. Öffne sie nur, wenn du {{sender}} vertraust (von dort kommt sie) und diese Datei erwartet hast.',
    saveAnyway: 'Trotzdem speichern',
    openAnyway: 'Trotzdem öffnen',
  },
  lightbox: {
    close: 'Schließen',
    closeTitle: 'Schließen (Esc)',
    loading: 'Wird geladen',
  },
  codeBlock: {
    copy: 'Kopieren',
    copyCode: 'Code kopieren',
    copied: 'Code kopiert',
  },
}

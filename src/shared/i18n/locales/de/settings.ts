import type { Catalogue } from '../en'

/**
 * The settings dialog and its pages, preferences, confirmation dialogs, the passphrase field, the
 * update notice; and the window's own text (its title, the start screen).
 */
export const settings: Catalogue = {
  app: {
    lobbyTitle: 'Lobby – LAN Room',
    roomTitle: '{{room}} – LAN Room',
    roomTitleUnread: '({{unread, number}}) {{room}} – LAN Room',
    couldNotStart: 'LAN Room konnte nicht starten',
    starting: 'Wird gestartet',
    linkWaiting:
      'Ein Link zum Beitreten zu {{target}} ist angekommen. Verlasse {{room}}, um ihn unter „Über Adresse beitreten“ zu sehen.',
  },
  settingsDialog: {
    title: 'Einstellungen',
  },
  preferencesForm: {
    profile: 'Profil',
    saveName: 'Namen speichern',
    saved: 'Gespeichert.',
    savedInRoom: 'Gespeichert. Der Raum sieht deinen neuen Namen.',
    privacy: 'Privatsphäre und Tippen',
    readReceipts: 'Lesebestätigungen senden',
    readReceiptsHint:
      'Andere sehen „Gesehen von“ unter ihren Nachrichten, sobald du sie gelesen hast. Schaltest du das aus, wird nie gesendet, wie weit du gelesen hast.',
    spellcheck: 'Rechtschreibung beim Tippen prüfen',
    spellcheckHint:
      'Falsch geschriebene Wörter werden im Nachrichtenfeld unterstrichen; klicke mit der rechten Maustaste darauf für Vorschläge.',
    spellcheckMac: 'macOS prüft die Rechtschreibung selbst.',
    spellcheckDownload:
      'Die Wörterbücher werden von Googles Servern geladen, einmal pro Sprache (was du tippst, wird nie gesendet). Schaltest du das aus, wird nichts heruntergeladen.',
    files: 'Dateien',
    troubleshooting: 'Fehlerbehebung',
    doctorHint:
      'Räume tauchen nicht auf oder lassen sich nicht betreten? Die Netzwerkdiagnose findet heraus, warum.',
    doctor: 'Netzwerkdiagnose…',
    done: 'Fertig',
  },
  settingsNotifications: {
    title: 'Benachrichtigungen',
    hint: 'Werden angezeigt, solange das LAN-Room-Fenster nicht im Vordergrund ist.',
    notifyAbout: 'Benachrichtige mich bei',
    all: 'Allen Nachrichten',
    mentions: 'Nur Erwähnungen von mir',
    mentionsHint: 'und @room',
    none: 'Nichts',
    showText: 'Nachrichtentext in Benachrichtigungen zeigen',
    showTextHint:
      'Aus: Benachrichtigungen sagen nur, wer geschrieben hat („Neue Nachricht von Ada“) – für Bildschirme, die andere sehen können.',
    sounds: 'Bei Benachrichtigungen einen Ton abspielen',
    mute: '{{room}} stummschalten',
    muteHint:
      'Ein stummgeschalteter Raum benachrichtigt dich nur, wenn dich jemand erwähnt (oder @room).',
  },
  settingsHosting: {
    title: 'Raum eröffnen',
    allowGuests: 'Beitritt aus dem Browser erlauben',
    allowGuestsHint:
      'Dein Raum zeigt einen QR-Code und einen Link, die ihn im Browser eines Handys oder Computers öffnen, ohne die App. Wer so beitritt, ist als Gast markiert. Schaltest du das aus, werden Browser abgewiesen, auch in dem Raum, den du gerade eröffnet hast; Personen mit der App betrifft das nicht.',
  },
  settingsStartup: {
    title: 'Start',
    atLogin: 'LAN Room beim Anmelden starten',
    atLoginHintTray:
      'Es startet im Infobereich der Taskleiste, ohne Fenster, damit du Räume und Nachrichten siehst, sobald sie kommen.',
    atLoginHintMenuBar:
      'Es startet in der Menüleiste, ohne Fenster, damit du Räume und Nachrichten siehst, sobald sie kommen.',
  },
  settingsUpdates: {
    title: 'Updates',
    version: 'LAN Room {{version}}',
    packageManager: 'Updates kommen über die Paketverwaltung deines Systems.',
    development: 'Dies ist eine Entwicklerversion oder ein Testlauf: Sie sucht nicht nach Updates.',
    unsupported:
      'Diese Kopie von LAN Room kann sich nicht selbst aktualisieren: Installiere neue Versionen so, wie du diese installiert hast.',
    automatic: 'Automatisch nach Updates suchen',
    automaticHint:
      'Beim Start und alle paar Stunden fragt LAN Room bei GitHub nach einer neuen Version und lädt sie im Hintergrund herunter. Es startet nie von selbst neu.',
    checking: 'Suche nach Updates…',
    downloading: 'Version {{version}} wird heruntergeladen: {{percent}} %',
    ready: 'Version {{version}} ist bereit: Starte LAN Room neu, um sie zu installieren.',
    upToDate: 'LAN Room ist auf dem neuesten Stand.',
    failed: 'Die Suche nach Updates ist fehlgeschlagen.',
    lastChecked: 'Zuletzt gesucht: {{when}}.',
    checkingShort: 'Suche…',
    checkNow: 'Jetzt suchen',
  },
  downloadFolder: {
    label: 'Download-Ordner',
    systemFolder: 'Dein Downloads-Ordner',
    change: 'Ändern…',
    hint: 'Dateien, die du aus einem Raum herunterlädst, werden hier gespeichert. Heruntergeladen wird nur, was du anforderst.',
  },
  confirmDialog: {
    working: 'Wird ausgeführt…',
  },
  passphraseField: {
    label: 'Passphrase',
    show: 'Zeigen',
    hide: 'Verbergen',
  },
  updateNotice: {
    downloading: 'LAN Room {{version}} wird heruntergeladen…',
    progressLabel: 'Update-Download',
    percent: '{{percent}} %',
    ready: 'LAN Room {{version}} ist bereit',
    installed: 'Es wird installiert, wenn du LAN Room neu startest.',
    installedHosting:
      'Es wird installiert, wenn du LAN Room neu startest – das beendet den Raum, den du eröffnet hast.',
    releaseNotes: 'Versionshinweise',
    hideReleaseNotes: 'Versionshinweise ausblenden',
    later: 'Später',
    restarting: 'Wird neu gestartet…',
    restart: 'Neu starten und aktualisieren',
    confirmTitle: 'Neu starten und aktualisieren?',
    confirmNamed:
      'Du bist Gastgeber von „{{room}}“. Ein Neustart beendet den Raum für alle darin; sie können wieder beitreten, sobald du ihn erneut eröffnest.',
    confirmUnnamed:
      'Du bist Gastgeber eines Raums. Ein Neustart beendet den Raum für alle darin; sie können wieder beitreten, sobald du ihn erneut eröffnest.',
    confirmLabel: 'Raum beenden und neu starten',
  },
}

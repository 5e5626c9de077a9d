import type { Catalogue } from '../en'

/**
 * Outside the page and across it: the language setting, error sentences by code (errors),
 * notifications, the tray menu, main process dialogs, the updater.
 */
export const platform: Catalogue = {
  appearance: {
    heading: 'Darstellung',
    theme: 'Design',
    timeFormat: 'Zeitformat',
    system: 'System',
    systemThemeHint: 'wie dein Computer eingestellt ist',
    light: 'Hell',
    dark: 'Dunkel',
    twelveHour: '12 Stunden',
    twentyFourHour: '24 Stunden',
    /** An example time in a format (Intl's): as it is, in every language. */
    timeSample: '{{time}}',
  },
  languageSetting: {
    legend: 'Sprache',
    system: 'System ({{language}})',
  },
  tray: {
    open: 'LAN Room öffnen',
    quit: 'LAN Room beenden',
    mute: 'Diesen Raum stummschalten',
    unmute: 'Stummschaltung aufheben',
    stopHosting: 'Raum schließen',
    roomUnread_one: '{{room}} ({{unread}} ungelesen)',
    roomUnread_other: '{{room}} ({{unread}} ungelesen)',
    tooltipHosting: 'LAN Room: Gastgeber von {{room}}',
    tooltipJoined: 'LAN Room: In {{room}}',
    tooltipUnread_one: '{{status}} ({{unread}} ungelesen)',
    tooltipUnread_other: '{{status}} ({{unread}} ungelesen)',
    tooltipMuted: '{{status}}, stumm',
  },
  notifications: {
    messageIn: '{{name}} in {{room}}',
    mention: '{{name}} hat dich erwähnt',
    mentionIn: '{{name}} hat dich in {{room}} erwähnt',
    mentions_one: '{{count}} Erwähnung von dir',
    mentions_other: '{{count}} Erwähnungen von dir',
    mentionsIn_one: '{{count}} Erwähnung von dir in {{room}}',
    mentionsIn_other: '{{count}} Erwähnungen von dir in {{room}}',
    newMessages_one: '{{count}} neue Nachricht von {{from}}',
    newMessages_other: '{{count}} neue Nachrichten von {{from}}',
    newMessagesIn_one: '{{count}} neue Nachricht von {{from}} in {{room}}',
    newMessagesIn_other: '{{count}} neue Nachrichten von {{from}} in {{room}}',
    twoSenders: '{{name}} und {{other}}',
    manySenders_one: '{{name}} und {{count}} anderen Person',
    manySenders_other: '{{name}} und {{count}} anderen',
    quote: '{{name}}: {{text}}',
    hidden: 'Neue Nachricht von {{name}}',
  },
  dialogs: {
    stillRunningTitle: 'LAN Room läuft weiter',
    stillRunningHostingTray:
      'Dein Raum {{room}} bleibt offen. LAN Room läuft im Infobereich weiter: Öffne es von dort oder wähle dort „Beenden“, um es zu verlassen.',
    stillRunningJoinedTray:
      'Du bist noch in {{room}}. LAN Room läuft im Infobereich weiter: Öffne es von dort oder wähle dort „Beenden“, um es zu verlassen.',
    stillRunningHostingMenuBar:
      'Dein Raum {{room}} bleibt offen. LAN Room läuft in der Menüleiste weiter: Öffne es von dort oder wähle dort „Beenden“, um es zu verlassen.',
    stillRunningJoinedMenuBar:
      'Du bist noch in {{room}}. LAN Room läuft in der Menüleiste weiter: Öffne es von dort oder wähle dort „Beenden“, um es zu verlassen.',
    couldNotStart: 'LAN Room konnte nicht starten',
    windowCannotShow: 'Sein Fenster kann nicht angezeigt werden: {{error}}',
    identityAdvice:
      'LAN Room bewahrt seinen Schlüssel, sein Zertifikat und seine Einstellungen in {{dir}} auf. Ist die Datei identity.pem dort beschädigt, verschiebe sie an einen anderen Ort: LAN Room erzeugt dann eine neue, und andere sehen dich als neue Person.',
  },
  /** The installers' texts that are ours (the Linux desktop entry's Comment). */
  installer: {
    comment: 'Mit den Menschen in deinem lokalen Netzwerk chatten',
  },
  contextMenu: {
    cut: 'Ausschneiden',
    copy: 'Kopieren',
    paste: 'Einfügen',
    selectAll: 'Alles auswählen',
    noSuggestions: 'Keine Vorschläge',
    addToDictionary: 'Zum Wörterbuch hinzufügen',
    copyLinkAddress: 'Linkadresse kopieren',
  },
  errors: {
    APP_ERR_ALREADY_SENT:
      'Diese Datei ist schon gesendet. Lösche die Nachricht, um sie zurückzunehmen.',
    APP_ERR_BAD_ADDRESS:
      'Das ist keine Adresse. Gib sie als Host:Port ein, zum Beispiel 192.168.1.20:47800.',
    APP_ERR_BAD_CODE:
      'Das ist kein gültiger Raumcode. Vergleiche ihn mit dem Code, den der Gastgeber in seinem Raum sieht.',
    APP_ERR_BUSY: 'Du bist schon in einem Raum. Verlasse ihn zuerst (oder schließe deinen Raum).',
    APP_ERR_CERTIFICATE_CHANGED:
      'Das Zertifikat des Raums hat sich seit deinem letzten Besuch geändert. Vergleiche den Prüfcode mit dem Gastgeber, bevor du ihm vertraust.',
    APP_ERR_CERTIFICATE_DOWNGRADED:
      'Der Raum war verschlüsselt und ist es jetzt nicht mehr. Frag den Gastgeber, was sich geändert hat, bevor du beitrittst.',
    APP_ERR_CERTIFICATE_UNEXPECTED:
      'Der Raum hat ein anderes Zertifikat vorgelegt als das, das du bestätigt hast. Prüfe den Prüfcode mit dem Gastgeber.',
    APP_ERR_CODE_MISMATCH:
      'Der Raum unter dieser Adresse passt nicht zum Raumcode. Prüfe den Code mit dem Gastgeber.',
    APP_ERR_CONNECT:
      'Dem Raum konnte nicht beigetreten werden. Prüfe, ob er noch offen ist, und versuche es erneut.',
    APP_ERR_EXECUTABLE:
      'Diese Datei ist ein Programm. Bestätige, dass du ihr vertraust, bevor du sie öffnest.',
    APP_ERR_FILES_UNAVAILABLE: 'Dieser Raum nimmt keine Dateien an.',
    APP_ERR_FILE_EXPIRED:
      'Der Raum hat diese Datei nicht mehr. Bitte die Person, sie noch einmal zu senden.',
    APP_ERR_FILE_TOO_LARGE: 'Diese Datei ist größer, als der Raum annimmt. Teile eine kleinere.',
    APP_ERR_FILE_UNREADABLE:
      'Diese Datei konnte nicht gelesen werden. Prüfe, ob sie noch existiert und du sie öffnen darfst.',
    APP_ERR_INCOMPATIBLE:
      'In diesem Raum läuft eine Version von LAN Room, die sich mit deiner nicht versteht. Aktualisiere eine der beiden Apps.',
    APP_ERR_INVALID: 'Der Raum hat die Anfrage als ungültig abgelehnt.',
    APP_ERR_NOTHING_TO_TRUST:
      'Von diesem Raum gibt es kein geändertes Zertifikat, dem du vertrauen könntest.',
    APP_ERR_NOT_AN_IMAGE:
      'Diese Datei kann nicht als Bild angezeigt werden. Lade sie herunter, um sie zu öffnen.',
    APP_ERR_NOT_AUTHOR: 'Du kannst nur deine eigenen Nachrichten ändern.',
    APP_ERR_NOT_A_FILE: 'Diese Nachricht enthält keine Datei.',
    APP_ERR_NOT_CONNECTED:
      'Du bist gerade nicht mit dem Raum verbunden. Warte, bis die Verbindung zurück ist, und versuche es dann erneut.',
    APP_ERR_NOT_DOWNLOADED: 'Diese Datei ist nicht heruntergeladen. Lade sie erneut herunter.',
    APP_ERR_NOT_FOUND: 'Diese Nachricht ist nicht mehr im Raum.',
    APP_ERR_NOT_HOSTING: 'Du bist gerade nicht Gastgeber eines Raums.',
    APP_ERR_NOT_IN_BROWSER: 'Das geht im Browser noch nicht. Nutze dafür die App LAN Room.',
    APP_ERR_NOT_IN_ROOM: 'Du bist in keinem Raum.',
    APP_ERR_OPEN_FAILED:
      'Die Datei konnte nicht geöffnet werden. Öffne sie stattdessen aus ihrem Ordner.',
    APP_ERR_PASSPHRASE_REQUIRED: 'Dieser Raum braucht eine Passphrase. Frag den Gastgeber danach.',
    APP_ERR_RATE_LIMITED:
      'Zu viele Anfragen an den Raum. Warte einen Moment und versuche es dann erneut.',
    APP_ERR_REQUEST_FAILED: 'Der Raum konnte die Anfrage nicht ausführen. Versuche es erneut.',
    APP_ERR_ROOM_GONE:
      'Dieser Raum ist nicht mehr in der Nähe. Versuche, über die Adresse beizutreten.',
    APP_ERR_TIMEOUT: 'Der Raum hat nicht rechtzeitig geantwortet. Versuche es erneut.',
    APP_ERR_TOO_MANY_ATTEMPTS:
      'Zu viele falsche Passphrasen. Warte ein wenig, bevor du es erneut versuchst.',
    APP_ERR_TOO_MANY_FILES: 'Zu viele Dateien auf einmal. Sende weniger auf einmal.',
    APP_ERR_TOO_MANY_NOTICES: 'Einige Hinweise wurden ausgelassen, weil zu viele auf einmal kamen.',
    APP_ERR_UNKNOWN_STAGED: 'Diese Datei ist nicht mehr zum Senden bereit. Füge sie erneut hinzu.',
    APP_ERR_UNKNOWN_TRANSFER: 'Diese Übertragung gibt es nicht mehr.',
    APP_ERR_UNREACHABLE:
      'Der Raum war nicht erreichbar. Prüfe, ob du im selben Netzwerk bist wie der Gastgeber.',
    APP_ERR_UNSUPPORTED:
      'Der Gastgeber dieses Raums nutzt eine Version von LAN Room, die das nicht kann.',
    APP_ERR_UPLOAD_FAILED:
      'Das Hochladen ist fehlgeschlagen. Versuche, die Datei erneut zu senden.',
    APP_ERR_WRONG_PASSPHRASE:
      'Das ist nicht die Passphrase des Raums. Prüfe sie mit dem Gastgeber.',
    BRIDGE_ERR_HANDLER_FAILED:
      'In LAN Room ist etwas schiefgegangen. Versuche es erneut; die Details stehen im Protokoll.',
    BRIDGE_ERR_INVALID_ARGS: 'LAN Room hat diese Anfrage nicht verstanden. Versuche es erneut.',
    BRIDGE_ERR_INVALID_PAYLOAD:
      'Eine Aktualisierung war zu groß zum Anzeigen und wurde ausgelassen.',
    BRIDGE_ERR_INVALID_RESULT:
      'LAN Room hat eine unerwartete Antwort gegeben. Versuche es erneut; die Details stehen im Protokoll.',
    BRIDGE_ERR_UNAVAILABLE:
      'LAN Room ist noch nicht bereit oder wird gerade beendet. Versuche es gleich noch einmal.',
    BRIDGE_ERR_UNTRUSTED_SENDER:
      'Die Anfrage kam nicht aus dem Fenster von LAN Room und wurde abgelehnt.',
    HUB_ERR_BAD_OPTIONS:
      'Die Einstellungen des Raums sind ungültig. Prüfe seinen Namen und seine Passphrase.',
    HUB_ERR_GUEST_APP:
      'Die Seite für Gäste im Browser fehlt, daher kann der Raum keine Gäste aufnehmen.',
    HUB_ERR_LISTEN:
      'Der Raum konnte seinen Netzwerkport nicht öffnen. Prüfe die Firewall und versuche es erneut.',
    HUB_ERR_PORT_IN_USE:
      'Der Port des Raums ist schon belegt. Schließe das andere Programm oder wähle einen anderen Port.',
    HUB_ERR_ROOM_IN_USE:
      'Dieser Raum ist auf diesem Computer schon offen, mit denselben Daten (in einem anderen LAN Room oder lanroom host). Schließe ihn zuerst dort.',
    HUB_ERR_STORE_FAILED:
      'Dein Raum wurde beendet: Sein Verlauf konnte auf diesem Computer nicht gespeichert werden. Prüfe, ob auf dem Datenträger Platz ist und er beschreibbar ist, und eröffne den Raum dann erneut; nicht bestätigte Nachrichten sind bei ihren Absendern geblieben.',
    HUB_ERR_START: 'Der Raum konnte nicht gestartet werden. Die Details stehen im Protokoll.',
    SCAN_ERR_NOT_AN_ADDRESS:
      'Das ist keine Adresse. Gib eine IPv4-Adresse oder ein Subnetz wie 192.168.1.0/24 ein.',
    SCAN_ERR_NOT_PRIVATE: 'Nur Adressen eines lokalen Netzwerks können beobachtet werden.',
    SCAN_ERR_TOO_WIDE: 'Dieses Subnetz ist zu groß. Beobachte höchstens ein /22 (1.024 Adressen).',
    UPDATE_ERR_DOWNLOAD: 'Das Update konnte nicht heruntergeladen werden. Es wird erneut versucht.',
    UPDATE_ERR_FAILED: 'Die Suche nach Updates ist fehlgeschlagen.',
    UPDATE_ERR_FEED:
      'Der Release-Feed bietet gerade kein brauchbares Update. Es wird später erneut geprüft.',
    UPDATE_ERR_HOSTING: 'Ein Neustart würde deinen Raum für alle beenden. Bestätige das zuerst.',
    UPDATE_ERR_NOT_READY: 'Es ist kein Update zur Installation bereit.',
    UPDATE_ERR_OFFLINE:
      'GitHub war nicht erreichbar, um nach Updates zu suchen. Prüfe die Verbindung.',
    UPDATE_ERR_SIGNATURE:
      'Das Update ist nicht vom Herausgeber von LAN Room signiert und wurde daher nicht installiert.',
    UPDATE_ERR_UNAVAILABLE: 'Diese Kopie von LAN Room aktualisiert sich nicht selbst.',
    CHAT_ERR_INVALID_MESSAGE: 'Der Raum hat diese Nachricht nicht als gültig angenommen.',
    CHAT_ERR_UNKNOWN_TARGET: 'Die Nachricht, auf die sie antwortet, ist nicht mehr im Raum.',
    CHAT_ERR_UNKNOWN_UPLOAD:
      'Der Raum hat die Datei nicht, die diese Nachricht teilt. Sende die Datei noch einmal.',
    CHAT_ERR_FILE_MISMATCH:
      'Die Datei, die diese Nachricht teilt, ist nicht die hochgeladene. Sende die Datei noch einmal.',
    CONN_ERR_INVALID: 'Diese Nachricht ist zu lang für den Raum oder ungültig.',
    CONN_ERR_UNSUPPORTED:
      'Der Gastgeber dieses Raums verwendet eine Version von LAN Room, die diese Nachricht nicht annehmen kann.',
    ROOM_INFO_PROGRESS_one: 'Ältere Nachrichten werden geladen… bisher {{count, number}}',
    ROOM_INFO_PROGRESS_other: 'Ältere Nachrichten werden geladen… bisher {{count, number}}',
    ROOM_ERR_OP_FAILED: '{{op}}.',
    ROOM_ERR_OP_NOT_AUTHOR: '{{op}}: Das kann nur, wer sie geschrieben hat.',
    ROOM_ERR_OP_UNKNOWN_TARGET: '{{op}}: Die Nachricht ist nicht mehr im Raum.',
    ROOM_ERR_OP_TOO_MANY_REACTIONS:
      '{{op}}: Die Nachricht hat schon so viele Reaktionen, wie sie haben kann.',
    ROOM_ERR_OP_CLOSED: '{{op}}: Du bist nicht mehr mit dem Raum verbunden.',
    ROOM_ERR_OP_UNSUPPORTED:
      '{{op}}: Der Gastgeber dieses Raums nutzt eine Version von LAN Room, die das nicht kann.',
    ROOM_ERR_OP_INVALID: '{{op}}: Das ist zu lang für den Raum oder ungültig.',
    ROOM_ERR_OP_REFUSED: '{{op}}: Der Raum hat es abgelehnt.',
    ROOM_ERR_HUB_INVALID_JSON:
      'Der Raum konnte eine Nachricht von LAN Room nicht lesen. Wenn das wieder passiert, verlasse den Raum und tritt erneut bei.',
    ROOM_ERR_HUB_INVALID_MESSAGE:
      'Eine Nachricht zwischen LAN Room und dem Raum war ungültig. Wenn das wieder passiert, verlasse den Raum und tritt erneut bei.',
    ROOM_ERR_HUB_UNKNOWN_TYPE:
      'Der Gastgeber dieses Raums nutzt eine Version von LAN Room, die eine Nachricht dieser App nicht kennt.',
    ROOM_ERR_HUB_HELLO_REQUIRED:
      'Der Raum hat eine Nachricht abgelehnt, die gesendet wurde, bevor der Beitritt abgeschlossen war.',
    ROOM_ERR_HUB_ALREADY_JOINED: 'Laut dem Raum ist diese Verbindung schon beigetreten.',
    ROOM_ERR_HUB_RATE_LIMITED: 'Du sendest schneller, als der Raum es erlaubt. Warte einen Moment.',
    ROOM_ERR_HUB_BINARY_UNSUPPORTED: 'Der Raum nimmt diese Art von Nachricht nicht an.',
    ROOM_ERR_HUB_ROOM_FULL: 'Der Raum ist voll. Versuche es wieder, wenn jemand gegangen ist.',
    ROOM_ERR_HUB_INCOMPATIBLE_VERSION:
      'In diesem Raum läuft eine Version von LAN Room, die sich mit deiner nicht versteht. Aktualisiere eine der beiden Apps.',
    ROOM_ERR_HUB_IDENTITY_UNPROVEN:
      'Der Raum konnte die Identität dieser App nicht prüfen. Verlasse den Raum und tritt erneut bei.',
    ROOM_ERR_HUB_PASSPHRASE_REQUIRED:
      'Dieser Raum braucht eine Passphrase. Frag den Gastgeber danach.',
    ROOM_ERR_HUB_WRONG_PASSPHRASE:
      'Das ist nicht die Passphrase des Raums. Prüfe sie mit dem Gastgeber.',
    ROOM_ERR_HUB_TOO_MANY_ATTEMPTS:
      'Zu viele falsche Passphrasen. Warte ein wenig, bevor du es erneut versuchst.',
    ROOM_ERR_HUB_NOT_AUTHOR: 'Nur wer diese Nachricht geschrieben hat, kann sie ändern.',
    ROOM_ERR_HUB_UNKNOWN_TARGET: 'Diese Nachricht ist nicht mehr im Raum.',
    ROOM_ERR_HUB_NO_CHANGE: 'Das würde nichts ändern.',
    ROOM_ERR_HUB_TOO_MANY_REACTIONS:
      'Diese Nachricht hat schon so viele Reaktionen, wie sie haben kann.',
    ROOM_ERR_HUB_MENTION_LIMITED_one:
      'Deine Nachricht wurde ohne @room gesendet: Mit @room kannst du in {{count}} Sekunde wieder alle benachrichtigen.',
    ROOM_ERR_HUB_MENTION_LIMITED_other:
      'Deine Nachricht wurde ohne @room gesendet: Mit @room kannst du in {{count}} Sekunden wieder alle benachrichtigen.',
    ROOM_ERR_HUB_UNKNOWN_UPLOAD:
      'Der Raum hat die Datei nicht, die diese Nachricht teilt. Sende die Datei noch einmal.',
    ROOM_ERR_HUB_FILE_MISMATCH:
      'Die Datei, die diese Nachricht teilt, ist nicht die hochgeladene. Sende die Datei noch einmal.',
    ROOM_ERR_HUB_REQUEST_LIMITED:
      'Zu viele Anfragen an den Raum. Warte einen Moment und versuche es dann erneut.',
    HUB_ERR_CLUSTER:
      'Der Raum kann nicht über NATS bereitgestellt werden. Prüfe, ob die NATS-Server laufen und erreichbar sind.',
    FILE_ERR_UNAUTHORIZED:
      'Der Raum hat die Anfrage für diese Datei nicht angenommen. Verlasse den Raum, tritt erneut bei und versuche es noch einmal.',
    FILE_ERR_FORBIDDEN: 'Der Raum erlaubt dir das bei dieser Datei nicht.',
    FILE_ERR_NOT_FOUND: 'Der Raum hat diese Datei nicht.',
    FILE_ERR_EXPIRED: 'Der Raum hat diese Datei nicht mehr.',
    FILE_ERR_TOO_LARGE: 'Diese Datei ist größer, als der Raum annimmt.',
    FILE_ERR_BUDGET: 'Im Raum ist kein Platz mehr für Dateien. Versuche es später noch einmal.',
    FILE_ERR_BUSY:
      'Der Raum ist gerade mit anderen Dateien beschäftigt. Versuche es gleich noch einmal.',
    FILE_ERR_CHECKSUM: 'Die Datei ist beschädigt im Raum angekommen. Sende sie noch einmal.',
    FILE_ERR_CORRUPT:
      'Die heruntergeladene Datei stimmt nicht mit der geteilten überein und wurde daher nicht behalten. Versuche es noch einmal.',
    FILE_ERR_CANCELLED: 'Die Übertragung wurde abgebrochen.',
    FILE_ERR_NETWORK:
      'Der Raum war nicht erreichbar. Prüfe deine Verbindung und versuche es noch einmal.',
    FILE_ERR_IO: 'Die Datei konnte auf diesem Computer nicht gelesen oder gespeichert werden.',
    LINK_ERR_TOO_LONG:
      'Dieser Link kann nicht geöffnet werden. Er ist länger, als ein Link von LAN Room sein kann.',
    LINK_ERR_CHARACTER:
      'Dieser Link kann nicht geöffnet werden. Er enthält ein Zeichen, das in keinem Link von LAN Room vorkommt (ein Leerzeichen, ein Steuerzeichen oder einen Buchstaben außerhalb von ASCII).',
    LINK_ERR_SCHEME:
      'Dieser Link kann nicht geöffnet werden. Das ist kein Link von LAN Room (lanroom://join/…).',
    LINK_ERR_ENCODED:
      'Dieser Link kann nicht geöffnet werden. Links von LAN Room enthalten nie maskierte Zeichen (%).',
    LINK_ERR_QUERY:
      'Dieser Link kann nicht geöffnet werden. Links von LAN Room enthalten weder „?“ noch „#“.',
    LINK_ERR_CREDENTIALS:
      'Dieser Link kann nicht geöffnet werden. Links von LAN Room enthalten keinen Benutzernamen und kein Passwort.',
    LINK_ERR_ACTION:
      'Dieser Link kann nicht geöffnet werden. Der einzige Link von LAN Room ist lanroom://join/<Raumcode oder Adresse>.',
    LINK_ERR_TARGET:
      'Dieser Link kann nicht geöffnet werden. Ein Beitrittslink nennt genau einen Raumcode oder einen host:port.',
    LINK_ERR_CODE:
      'Dieser Link kann nicht geöffnet werden. Der Raumcode in diesem Link kann nicht gelesen werden.',
    LINK_ERR_ADDRESS:
      'Dieser Link kann nicht geöffnet werden. Die Adresse in diesem Link hat nicht die Form host:port (eine IPv6-Adresse in eckigen Klammern).',
  },
  errorOps: {
    react: 'Die Reaktion konnte nicht hinzugefügt werden',
    unreact: 'Die Reaktion konnte nicht zurückgenommen werden',
    edit: 'Die Nachricht konnte nicht bearbeitet werden',
    delete: 'Die Nachricht konnte nicht gelöscht werden',
  },
  startup: {
    messagesNotLoaded: 'Die Nachrichten des Raums konnten nicht geladen werden: {{reason}}',
  },
}

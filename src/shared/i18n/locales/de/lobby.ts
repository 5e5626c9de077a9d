import type { Catalogue } from '../en'

/**
 * The lobby: rooms nearby, hosting, joining by address, sharing, the doctor, network preferences,
 * certificates and verification codes, the guest join page.
 */
export const lobby: Catalogue = {
  lobby: {
    heading: 'Lobby',
    youAre: 'Du bist {{name}}',
    settings: 'Einstellungen',
    suggestedRoom: 'Raum von {{name}}',
    doctorTitle: 'Netzwerkdiagnose',
  },
  roomList: {
    heading: 'Räume in der Nähe',
    lookingForMore: 'Suche nach weiteren…',
    hostedBy: 'Gastgeber: {{name}}',
    hostedByPeople_one: 'Gastgeber: {{name}} · {{count}} Person',
    hostedByPeople_other: 'Gastgeber: {{name}} · {{count}} Personen',
    needsPassphrase: 'Braucht eine Passphrase',
    needsPassphraseHidden: '(braucht eine Passphrase)',
    yours: 'Deiner',
    trustVerified: 'Bestätigt: das Zertifikat, dem du schon vertraut hast',
    trustUnverified: 'Noch nicht bestätigt: vergleiche den Code mit dem Gastgeber',
    trustChanged: 'Zertifikat geändert, seit du zuletzt beigetreten bist',
    trustDowngraded: 'War verschlüsselt, als du zuletzt beigetreten bist, jetzt nicht mehr',
    trustPlain: 'Nicht verschlüsselt',
    trustVerifiedHidden: '(Bestätigt: das Zertifikat, dem du schon vertraut hast)',
    badgeChanged: 'Zertifikat geändert',
    badgeDowngraded: 'Nicht mehr verschlüsselt',
    badgePlain: 'Nicht verschlüsselt',
    foundByScan: 'Per Suche gefunden',
    foundByScanTitle:
      'Nicht im Netzwerk angekündigt: gefunden, als du gründlicher gesucht oder seine Adresse beobachtet hast',
    conflicting: 'Widersprüchliche Zertifikate',
    mismatch:
      'Dieser Raum wird mit mehr als einem Zertifikat angekündigt: Jemand anderes gibt sich vielleicht als dieser Raum aus.',
    verificationCode: 'Prüfcode {{code}}',
    incompatible:
      'Dieser Raum nutzt Protokollversion {{version}}, diese App spricht Version {{ours}}. Aktualisiere die ältere App.',
    cannotJoin: 'Diesem Raum kann man nicht beitreten.',
    join: 'Beitreten',
    joinRoom: '{{name}} beitreten',
    joining: 'Trete bei…',
    joinDialogTitle: '„{{name}}“ beitreten',
    askPassphrase: 'Dieser Raum braucht eine Passphrase. Frag {{name}} danach.',
    wrongPassphrase: 'Falsche Passphrase',
    typePassphrase: 'Gib die Passphrase ein, die du vom Gastgeber bekommen hast.',
    lookingForRooms: 'Suche nach Räumen…',
    lookingForRoomsText: 'Räume in diesem Netzwerk erscheinen hier, sobald sie gefunden werden.',
    cannotLook: 'Suche nach Räumen nicht möglich',
    unavailable: 'Die Suche nach Räumen in der Nähe ist auf diesem Computer nicht verfügbar.',
    unavailableBecause: 'Räume in der Nähe können nicht gesucht werden: {{reason}}',
    stillCanJoin: 'Du kannst einem Raum trotzdem über seine Adresse beitreten.',
    stillLooking: 'Suche läuft weiter…',
    noRoomYet:
      'In diesem Netzwerk hat sich noch kein Raum angekündigt. LAN Room hört weiter zu: Ein Raum, der startet, erscheint hier sofort.',
    expectingOne:
      'Du erwartest einen? Das Netzwerk blockiert vielleicht die Nachrichten, mit denen sich Räume ankündigen – Gast-WLANs, VPNs und manche Firewalls tun das. „Gründlicher suchen“ fragt stattdessen jede Adresse in der Nähe; oder frag den Gastgeber nach dem Raumcode oder der Adresse, die in seinem Raum steht.',
    macLocalNetwork:
      'Auf dem Mac braucht LAN Room außerdem Zugriff auf das lokale Netzwerk: Systemeinstellungen → Datenschutz & Sicherheit → Lokales Netzwerk.',
    enterCode: 'Raumcode oder Adresse eingeben',
    checkNetwork: 'Netzwerk prüfen',
  },
  lookHarder: {
    progress: 'Gründliche Suche: {{probed}} von {{total}} Adressen gefragt',
    progressFound:
      'Gründliche Suche: {{probed}} von {{total}} Adressen gefragt, {{found}} gefunden',
    cancel: 'Abbrechen',
    nothingAnswered_one: 'Keine Antwort von {{count}} Adresse.',
    nothingAnswered_other: 'Keine Antwort von {{count}} Adressen.',
    stopped: 'Gründliche Suche beendet.',
    button: 'Gründlicher suchen',
    hint: 'Fragt jede Adresse in deinem Netzwerk der Reihe nach, ob dort ein Raum läuft. Das dauert bis zu einer Minute und passiert nur, wenn du es willst.',
  },
  hostForm: {
    title: 'Raum eröffnen',
    intro: 'Die Leute in diesem Netzwerk sehen ihn unter „Räume in der Nähe“.',
    windowsFirewall:
      'Windows fragt vielleicht, ob LAN Room dein Netzwerk nutzen darf. Wähle „Zulassen“ für private Netzwerke, damit andere beitreten können. Falls du „Abbrechen“ gewählt hast, erlaube LAN Room unter Windows-Sicherheit → Firewall.',
    nameLabel: 'Raumname',
    nameEmpty: 'Gib dem Raum einen Namen, damit andere ihn finden.',
    passphraseLabel: 'Passphrase (optional)',
    passphraseHint:
      'Nur wer sie von dir bekommt, kann beitreten. Sie verlässt diesen Computer nie; die anderen beweisen, dass sie sie kennen.',
    starting: 'Wird gestartet…',
    submit: 'Raum eröffnen',
  },
  joinByAddress: {
    title: 'Über Adresse beitreten',
    hostedBy: 'Gastgeber: {{name}}',
    verificationCode: 'Prüfcode: {{code}}',
    foundNearby:
      'In der Nähe gefunden: Unter der Adresse des Raumcodes ({{address}}) antwortet dieser Raum nicht mehr.',
    codeVerified:
      'Bestätigt: Das Zertifikat dieses Raums ist das, das der Raumcode {{code}} nennt.',
    codeVerifiedReplaces:
      'Bestätigt: Das Zertifikat dieses Raums ist das, das der Raumcode {{code}} nennt; es ersetzt das, das der Raum bei deinem letzten Beitritt hatte (Code {{pinned}}).',
    downgraded:
      'Dieser Raum war verschlüsselt, als du zuletzt beigetreten bist (Code {{pinned}}), jetzt ist er es nicht. Vielleicht gibt sich jemand als dieser Raum aus: Frag den Gastgeber, bevor du beitrittst.',
    notEncrypted: 'Dieser Raum ist nicht verschlüsselt: Jeder im Netzwerk kann mitlesen.',
    samePin: 'Bestätigt: dasselbe Zertifikat wie bei deinem letzten Beitritt.',
    changedPin:
      'Das ist nicht das Zertifikat, das dieser Raum bei deinem letzten Beitritt hatte (sein Code war {{pinned}}). Frag den Gastgeber, welchen Code sein Raum zeigt, bevor du weitermachst.',
    compareCode: 'Prüfe, ob der Raum des Gastgebers denselben Code zeigt.',
    back: 'Zurück',
    join: 'Beitreten',
    joining: 'Trete bei…',
    intro:
      'Funktioniert auch, wenn der Raum nicht angezeigt wird. Der Gastgeber sieht den Raumcode und die Adressen in seinem Raum.',
    addressLabel: 'Raumcode oder Adresse',
    addressPlaceholder: '{{code}} oder {{address}}',
    addressEmpty:
      'Gib den Raumcode oder die Adresse ein, die der Gastgeber in seinem Raum sieht, etwa {{address}}.',
    looking: 'Suche…',
    continue: 'Weiter',
    findOutWhy: 'Ursache finden',
  },
  joinRefusal: {
    wrongPassphrase: 'Falsche Passphrase',
    typePassphrase: 'Gib die Passphrase ein, die du vom Gastgeber bekommen hast.',
  },
  retry: {
    seconds: '{{seconds}} s',
    minutes: '{{minutes}} min',
    minutesSeconds: '{{minutes}} min {{seconds}} s',
    wait: 'Zu viele falsche Passphrasen von diesem Computer. Versuche es in {{wait}} erneut.',
    now: 'Zu viele falsche Passphrasen. Du kannst es jetzt erneut versuchen.',
  },
  shareAddresses: {
    copy: 'Kopieren',
    heading: 'Leute einladen',
    roomCode: 'Raumcode',
    roomCodeSpelled: 'Raumcode {{code}}',
    copyRoomCode: 'Raumcode kopieren',
    roomCodeHint:
      'Lies ihn vor oder schick ihn: Unter „Über Adresse beitreten“ eingegeben, findet er diesen Raum und prüft sein Zertifikat, sodass niemand Codes vergleichen muss.',
    otherCodes: 'Codes für die anderen Netzwerke dieses Computers',
    copyCodeFor: 'Raumcode für {{address}} kopieren',
    fromBrowser: 'Im Browser beitreten',
    qrAlt: 'QR-Code des Links zum Beitreten im Browser',
    copyLink: 'Link zum Beitreten im Browser kopieren',
    scanHint:
      'Scanne ihn mit der Kamera eines Smartphones oder öffne den Link in einem Browser in diesem Netzwerk. Die Seite zeigt den Code des Raums: Er sollte {{code}} lauten.',
    typeHint:
      'Die Leute in diesem Netzwerk finden den Raum unter „Räume in der Nähe“. Wenn er bei ihnen nicht erscheint, können sie mit dieser Eingabe beitreten:',
    copyAddress: '{{address}} kopieren',
    noAddress:
      'Dieser Computer hat keine Netzwerkadresse, die andere erreichen: Nur wer ihn selbst benutzt, kann beitreten.',
    copied: '{{text}} kopiert',
  },
  certificateWarning: {
    thisRoom: 'Dieser Raum',
    quotedName: '„{{name}}“',
    titleDowngraded: 'Der Raum ist nicht mehr verschlüsselt',
    titleChanged: 'Das Zertifikat des Raums hat sich geändert',
    downgraded:
      '{{name}} war verschlüsselt, als du zuletzt beigetreten bist, jetzt nicht mehr – deshalb hat LAN Room keine Verbindung hergestellt.',
    changed:
      '{{name}} zeigt nicht mehr das Zertifikat von deinem letzten Beitritt – deshalb hat LAN Room keine Verbindung hergestellt.',
    codeTrusted: 'Code, dem du vertraut hast',
    codeNow: 'Code, den er jetzt zeigt',
    downgradedAdvice:
      'Vielleicht gibt sich jemand im Netzwerk als der Raum aus, um mitzulesen, was du sendest. Frag den Gastgeber persönlich oder am Telefon, ob er die Verschlüsselung ausgeschaltet hat, und tritt erst bei, wenn er es bestätigt.',
    changedAdvice:
      'Vielleicht hat der Gastgeber LAN Room neu installiert oder ist auf einen anderen Computer umgezogen. Es kann aber auch jemand im Netzwerk sein, der sich als der Raum ausgibt. Frag den Gastgeber, welchen Code sein Raum zeigt – persönlich oder am Telefon, nicht in einem Chat – und vertraue ihm nur, wenn er {{code}} lautet.',
    dontJoin: 'Nicht beitreten',
    joining: 'Trete bei…',
    trust: 'Dem neuen Zertifikat vertrauen',
  },
  verificationCode: {
    spelled: 'Prüfcode {{code}}',
    notEncrypted: 'nicht verschlüsselt',
  },
  guestJoin: {
    title: 'Diesem Raum beitreten',
    hostedBy: 'Gastgeber: {{name}}',
    codeInLink: 'Code in deinem Link',
    none: 'keiner',
    codeShown: 'Code, den dieser Raum zeigt',
    notEncrypted: 'Dieser Raum ist nicht verschlüsselt: Jeder im Netzwerk kann mitlesen.',
    mismatch:
      'Die Codes unterscheiden sich: Das ist nicht der Raum, für den dein Link erstellt wurde, oder sein Zertifikat hat sich seitdem geändert. Bitte den Gastgeber um einen neuen QR-Code, bevor du beitrittst.',
    match:
      'Die Codes stimmen überein: Das ist der Raum, dessen Link oder QR-Code du geöffnet hast.',
    compareCode: 'Prüfe, ob der Raum des Gastgebers denselben Code zeigt, bevor du beitrittst.',
    join: 'Beitreten',
    joining: 'Trete bei…',
    tryAgain: 'Erneut versuchen',
    looking: 'Raum wird abgefragt…',
    warningTitle: 'Zur Warnung des Browsers',
    warningText:
      'Bevor diese Seite geöffnet wurde, hat dein Browser wahrscheinlich gemeldet, die Verbindung sei „nicht privat“ oder „nicht sicher“. Das ist hier zu erwarten: Der Raum verschlüsselt alles, aber mit einem selbst erstellten Zertifikat, das kein Unternehmen signiert hat – deshalb kann der Browser nicht dafür bürgen.',
    codeText:
      'Ob es der richtige Raum ist, zeigt dir der Code. Wenn der Code in deinem Link mit dem auf dem Bildschirm des Gastgebers übereinstimmt, bist du mit dem Raum des Gastgebers verbunden. Die anderen im Raum sehen dich als Gast markiert.',
  },
  networkPreferences: {
    legend: 'Netzwerk',
    automatic: 'Netzwerkschnittstellen automatisch wählen',
    automaticHint:
      'Räume werden in jedem privaten Netzwerk dieses Computers angekündigt und gesucht, außer über VPNs und virtuelle Adapter. Schalte das aus, um selbst zu wählen.',
    interfaces: 'Netzwerkschnittstellen',
    noAddress: 'keine IPv4-Adresse',
    vpn: 'VPN',
    virtual: 'virtueller Adapter',
    notPrivate: 'kein privates Netzwerk',
    down: 'getrennt',
    watched: 'Beobachtete Adressen',
    watchedHint:
      'Räume an diesen Adressen werden auch dann angezeigt, wenn das Netzwerk ihre Ankündigungen verbirgt: Sie werden alle halbe Minute gefragt. Nur private Adressen; ein Subnetz bis /22.',
    stopWatching: '{{target}} nicht mehr beobachten',
    remove: 'Entfernen',
    watchLabel: 'Zu beobachtende Adresse oder Subnetz',
    watchPlaceholder: '{{address}} oder {{subnet}}',
    watch: 'Beobachten',
    watchEmpty: 'Gib eine Adresse ({{address}}) oder ein Subnetz ({{subnet}}) ein.',
    ports: 'Weitere Ports für die Suche',
    portsPlaceholder: 'zum Beispiel {{ports}}',
    portsHint:
      'Die gründliche Suche und beobachtete Adressen fragen immer Port {{port}}; füge die Ports von Räumen hinzu, die auf anderen laufen.',
    portsInvalid: 'Ports sind ganze Zahlen von 1 bis 65535, durch Kommas getrennt.',
  },
  doctor: {
    late: 'nicht innerhalb der {{seconds}} s des Durchlaufs fertig geworden',
    lateFix: 'Starte die Diagnose noch einmal mit einem längeren --timeout.',
    crashed: 'die Prüfung selbst ist fehlgeschlagen: {{reason}}',
    crashedFix: 'Das ist ein Fehler in LAN Room; bitte melde ihn mit diesem Bericht.',
    interfacesOffline:
      'keine Netzwerkschnittstelle mit IPv4-Adresse ist aktiv: Dieser Computer ist in keinem Netzwerk',
    interfacesOfflineFix: 'Verbinde dich mit einem WLAN oder stecke ein Kabel ein.',
    interfacesNoneUsed: 'keine der aktiven Schnittstellen ({{names}}) wird für Räume genutzt',
    interfacesNoneUsedFix:
      'Wenn die Leute, die du treffen willst, in einem dieser Netzwerke sind (ein Netzwerk mit öffentlichen Adressen oder ein VPN, in dem alle sind), wähle es unter Einstellungen › Netzwerk › Netzwerkschnittstellen oder auf der Kommandozeile mit lanroom host --interface NAME.',
    interfacesLinkLocal:
      'Räume nutzen {{names}} mit nur einer selbst vergebenen Adresse (169.254.x.x): Das Netzwerk hat keine zugeteilt',
    interfacesLinkLocalFix:
      'Der DHCP-Server des Routers hat nicht geantwortet: Verbinde dich neu mit dem Netzwerk oder starte den Router neu. Mit Leuten am selben Kabel oder Switch funktionieren Räume trotzdem.',
    interfacesOk: 'Räume werden über {{names}} angekündigt und gesucht',
    multicastNoInterface:
      'keine Schnittstelle für Multicast: keine Schnittstelle wird für Räume genutzt (siehe die Prüfung der Schnittstellen)',
    multicastNoInterfaceFix:
      'Verbinde dich mit einem Netzwerk (WLAN oder Kabel) oder wähle Schnittstellen unter Einstellungen › Netzwerk › Netzwerkschnittstellen (Kommandozeile: lanroom host --interface NAME).',
    multicastCannotListen:
      'kann nicht auf UDP-Port {{port}} lauschen, um die Antwort zu hören ({{reason}})',
    multicastCannotListenFix:
      'Siehe die Prüfung des mDNS-Ports: Ein anderes Programm belegt den Port für sich allein.',
    multicastOk: 'unsere mDNS-Anfrage kam über {{names}} zurück',
    multicastOkOthers_one:
      'unsere mDNS-Anfrage kam über {{names}} zurück, und {{count}} anderes Gerät war zu hören',
    multicastOkOthers_other:
      'unsere mDNS-Anfrage kam über {{names}} zurück, und {{count}} andere Geräte waren zu hören',
    multicastLost:
      'unsere eigene mDNS-Anfrage kam über {{names}} nicht zurück: Von hier aus können Räume weder gefunden noch gesehen werden',
    multicastPartly: 'unsere mDNS-Anfrage kam über {{names}} zurück, aber nicht über {{lost}}',
    multicastMacPermissionFix:
      'macOS sperrt diese App vom lokalen Netzwerk aus: Öffne Systemeinstellungen › Datenschutz & Sicherheit › Lokales Netzwerk und schalte LAN Room ein (für `lanroom` die Terminal-App, aus der du es startest).',
    multicastSendRefusedFix:
      'Eine Firewall auf diesem Computer verweigert das Senden von Multicast (mDNS, UDP-Port 5353 an 224.0.0.251): Erlaube es, oder tritt Räumen über Adresse oder Raumcode bei.',
    multicastCannotSendFix:
      'Diese Schnittstelle kann kein Multicast senden; Räumen kann man trotzdem über Adresse oder Raumcode beitreten.',
    multicastDroppedFix:
      'Eine Firewall auf diesem Computer verwirft eingehendes mDNS (UDP-Port 5353, Multicast 224.0.0.251): Erlaube es (Linux: suche in `sudo nft list ruleset` nach einer Drop-Regel; Windows: erlaube LAN Room in privaten Netzwerken). Bis dahin tritt Räumen über Adresse oder Raumcode bei.',
    mdnsFree: 'frei: Kein anderer mDNS-Responder lauscht auf UDP-Port {{port}}',
    mdnsForbidden: 'dieses Programm darf nicht auf UDP-Port {{port}} lauschen ({{reason}})',
    mdnsForbiddenFix:
      'Sicherheitssoftware oder eine Richtlinie hält die App vom mDNS-Port fern: Erlaube LAN Room.',
    mdnsOwnOnly:
      'nur von LAN Rooms eigener Erkennung genutzt, mit jedem anderen Responder geteilt: normal',
    mdnsSharedOwnLinux:
      'geteilt mit einem anderen mDNS-Responder{{who}}. LAN Rooms eigene Erkennung ist einer davon. Unter Linux ist das meist avahi-daemon (oder systemd-resolved): normal, LAN Room teilt den Port mit ihm (SO_REUSEADDR); beide hören jede mDNS-Nachricht.',
    mdnsSharedOwnMac:
      'geteilt mit einem anderen mDNS-Responder{{who}}. LAN Rooms eigene Erkennung ist einer davon. Unter macOS ist das mDNSResponder, der immer läuft: normal, LAN Room teilt den Port.',
    mdnsSharedOwnWindows:
      'geteilt mit einem anderen mDNS-Responder{{who}}. LAN Rooms eigene Erkennung ist einer davon. Unter Windows ist das meist das eigene mDNS von Windows (der DNS-Client-Dienst) oder Bonjour: normal, LAN Room teilt den Port.',
    mdnsSharedOwnOther:
      'geteilt mit einem anderen mDNS-Responder{{who}}. LAN Rooms eigene Erkennung ist einer davon. Das ist normal: LAN Room teilt den Port.',
    mdnsHeld:
      'ein anderes Programm belegt UDP-Port {{port}} für sich allein{{who}}: LAN Room kann kein mDNS hören ({{reason}})',
    mdnsHeldFix:
      'Beende oder konfiguriere dieses Programm so, dass es den Port teilt (das tun die meisten mDNS-Responder), oder tritt Räumen über Adresse oder Raumcode bei.',
    firewallDropsMdnsIn:
      '{{source}}: Eine Regel verwirft eingehendes mDNS (UDP {{port}}): {{rule}}',
    firewallDropsMdnsOut:
      '{{source}}: Eine Regel verwirft ausgehendes mDNS (UDP {{port}}): {{rule}}',
    firewallDropsHosted:
      '{{source}}: Eine Regel verwirft Verbindungen zu hier eröffneten Räumen auf TCP {{port}}: {{rule}}',
    firewallDropsRooms:
      '{{source}}: Eine Regel verwirft Verbindungen zu Räumen auf TCP-Port {{port}}: {{rule}}',
    firewallMayDrop_one:
      '{{source}}: {{count}} Regel könnte den Verkehr von LAN Room verwerfen, je nach Schnittstelle oder Quelle',
    firewallMayDrop_other:
      '{{source}}: {{count}} Regeln könnten den Verkehr von LAN Room verwerfen, je nach Schnittstelle oder Quelle',
    firewallOk: '{{source}}: Keine Regel verwirft mDNS oder TCP-Port {{ports}}',
    firewallLinuxFix:
      'Erlaube die Ports von LAN Room in der Firewall: UDP 5353 (mDNS) ein- und ausgehend und den TCP-Port des Raums (standardmäßig 47800) – zum Beispiel mit `sudo ufw allow 5353/udp` und `sudo ufw allow 47800/tcp` – oder entferne die angezeigte Regel.',
    firewallUnreadable:
      'die Firewall-Regeln konnten nicht gelesen werden ({{reason}}): Dafür braucht es Root-Rechte. Wenn keine Räume gefunden werden, prüfe mit `sudo nft list ruleset`, dass UDP 5353 und TCP 47800 nicht verworfen werden.',
    firewallWinBlocked: 'eine Regel der Windows-Firewall blockiert LAN Room: {{rules}}',
    firewallWinBlockedFix:
      'Öffne Windows-Sicherheit › Firewall- & Netzwerkschutz › Zugriff von App durch Firewall zulassen und erlaube LAN Room in privaten Netzwerken (oder lösche die blockierende Regel).',
    firewallWinPublic:
      'Windows behandelt {{networks}} als öffentliches Netzwerk, in dem LAN Room nicht erlaubt ist: Andere können keinem Raum beitreten, den du eröffnest, und das Finden von Räumen kann blockiert sein',
    firewallWinPublicFix:
      'Mache ein Netzwerk, dem du vertraust, privat: Einstellungen › Netzwerk und Internet › (dein Netzwerk) › Netzwerkprofiltyp › Privates Netzwerk. Erlaube LAN Room dann, wenn Windows fragt.',
    firewallWinNotAllowed:
      'noch erlaubt keine Firewall-Regel LAN Room, Verbindungen in {{profiles}}-Netzwerken anzunehmen',
    firewallWinNotAllowedFix:
      'Windows fragt, wenn du zum ersten Mal einen Raum eröffnest: Antworte mit Zulassen (für private Netzwerke).',
    firewallWinOff: 'die Firewall ist für die genutzten Netzwerke aus',
    firewallWinAllowed: 'LAN Room ist in {{profiles}}-Netzwerken erlaubt',
    firewallWinUnreadable: 'die Windows-Firewall konnte nicht gelesen werden: {{reason}}',
    firewallMacBlockAll:
      'die macOS-Firewall blockiert alle eingehenden Verbindungen: Niemand kann einem Raum beitreten, den du eröffnest',
    firewallMacBlockAllFix:
      'Systemeinstellungen › Netzwerk › Firewall › Optionen: Schalte „Alle eingehenden Verbindungen blockieren“ aus.',
    firewallMacAppBlocked: 'die macOS-Firewall blockiert eingehende Verbindungen zu LAN Room',
    firewallMacAppBlockedFix:
      'Systemeinstellungen › Netzwerk › Firewall › Optionen: Stelle LAN Room auf „Eingehende Verbindungen erlauben“.',
    firewallMacOn:
      'die macOS-Firewall ist an und blockiert LAN Room nicht. Die Berechtigung für das lokale Netzwerk kann kein anderes Programm lesen: Wenn die Multicast-Prüfung mit „No route to host“ fehlschlägt, schalte LAN Room unter Systemeinstellungen › Datenschutz & Sicherheit › Lokales Netzwerk ein.',
    firewallMacOff:
      'die macOS-Firewall ist aus. Die Berechtigung für das lokale Netzwerk kann kein anderes Programm lesen: Wenn die Multicast-Prüfung mit „No route to host“ fehlschlägt, schalte LAN Room unter Systemeinstellungen › Datenschutz & Sicherheit › Lokales Netzwerk ein.',
    firewallMacUnreadable: 'die macOS-Firewall konnte nicht gelesen werden: {{reason}}',
    roomFixRefused:
      'An diesem Port lauscht nichts, oder eine Firewall lehnt die Verbindung ab: Prüfe, ob der Raum noch offen ist, ob Adresse und Port die sind, die die App des Gastgebers zeigt, und die Firewall-Prüfung.',
    roomFixDropped:
      'Pakete zum Raum gehen unterwegs verloren: die Firewall des Gastgebers (unter Windows LAN Room in privaten Netzwerken erlauben und das Netzwerk privat machen), WLAN-Client-Isolierung (Gastnetzwerke) oder ein VPN. Sieh dir die Firewall- und VPN-Prüfung an; versuche es per Kabel oder im selben WLAN.',
    roomFixUnreachable:
      'Dieser Computer hat keine Route zu dieser Adresse: Stelle sicher, dass beide im selben Netzwerk sind; ein VPN fängt den Verkehr vielleicht ab (siehe VPN-Prüfung).',
    roomFixNotTls:
      'An diesem Port antwortet etwas, aber nicht als LAN Room: Prüfe den Port (die App des Gastgebers zeigt ihn).',
    roomFixNotRoom:
      'An diesem Port antwortet etwas, aber nicht als LAN Room dieser Version: Prüfe die Adresse und ob beide Seiten dieselbe Version von LAN Room verwenden.',
    roomFixCertificate:
      'Vergleiche den Prüfcode mit dem, den die App des Gastgebers zeigt. Wenn der Gastgeber LAN Room neu installiert hat, tritt einmal bei und vertraue dem neuen Code, nachdem du ihn mit ihm geprüft hast; sonst tritt nicht bei: Jemand gibt sich vielleicht als der Raum aus.',
    roomFixRoomCode:
      'Das ist nicht der Raum, den der Code nennt: Vielleicht ist jemand anderes unter dieser Adresse, oder die Adresse des Gastgebers hat sich geändert (`lanroom join CODE` sucht den Raum dann in der Nähe anhand seines Zertifikats). Bitte den Gastgeber um den Raumcode, den sein Raum jetzt zeigt.',
    roomFixWebsocket:
      'Der Raum beantwortet Webanfragen, lehnt aber die Chat-Verbindung ab: Sicherheitssoftware oder ein Proxy dazwischen blockiert vielleicht WebSockets, oder der Raum ist voll oder wird geschlossen. Bitte den Gastgeber, den Raum neu zu starten.',
    roomFixHello:
      'Der Raum hat nicht gegrüßt: Er ist vielleicht überlastet oder wird geschlossen. Versuche es noch einmal, oder bitte den Gastgeber, den Raum neu zu starten.',
    roomFixTyped: 'Prüfe, was du eingegeben hast.',
    roomFixUnexpected: 'Versuche es noch einmal; wenn es bleibt, melde es.',
    roomFixResolveName:
      'Prüfe die Schreibweise, oder verwende die IP-Adresse des Gastgebers (seine App zeigt sie unter Teilen).',
    roomFixResolveCode:
      'Vergleiche den Code mit dem, den die App des Gastgebers zeigt: Vielleicht ist ein Zeichen vertippt.',
    firewallUnsupported: 'die Firewall kann unter {{platform}} nicht gelesen werden',
    vpnCaptured:
      'Verkehr in dein lokales Netzwerk {{network}} geht über {{via}} statt über {{iface}} hinaus: Ein VPN fängt ihn ab, sodass niemand in der Nähe erreichbar ist',
    vpnCapturedFix:
      'Schalte in deinem VPN die Option „Zugriff auf lokales Netzwerk erlauben“ (oder „LAN-Freigabe“, „Split-Tunneling“) ein, oder trenne das VPN, solange du LAN Room nutzt.',
    vpnDefault:
      'die Standardroute führt über {{via}}, ein VPN: Das lokale Netzwerk wird weiterhin direkt erreicht',
    vpnDefaultFix:
      'Meist kein Problem. Wenn keine Räume gefunden werden, blockiert das VPN vielleicht auch lokales Multicast: Erlaube in seinen Einstellungen den Zugriff aufs lokale Netzwerk, oder trenne es, solange du LAN Room nutzt.',
    vpnOk: 'kein VPN fängt Verkehr ab (Standardroute: {{via}})',
    vpnOkAdapters:
      'kein VPN fängt Verkehr ab (Standardroute: {{via}}); aktive virtuelle Adapter: {{adapters}} (nur für Räume genutzt, wenn gewählt)',
    vpnOkUnreadable: 'die Standardroute konnte nicht gelesen werden',
    vpnOkUnreadableAdapters:
      'die Standardroute konnte nicht gelesen werden; aktive virtuelle Adapter: {{adapters}} (nur für Räume genutzt, wenn gewählt)',
    roomNoTarget:
      'kein Raum, Code oder keine Adresse angegeben: Nenne einen, um jeden Schritt bis zu ihm zu sehen',
    roomStepFailed: '{{step}} fehlgeschlagen: {{reason}}',
    roomWarned: '{{room}} ist erreichbar, aber {{warnings}}',
    roomPlainFix:
      'Der Raum ist nicht verschlüsselt: Andere im Netzwerk können mitlesen. Bitte den Gastgeber, ihn ohne --no-tls zu starten.',
    roomOk: '{{room}} ist erreichbar: Jeder Schritt hat geklappt',
  },
  doctorPanel: {
    intro:
      'Prüft, was verhindert, dass Räume in diesem Netzwerk gefunden oder betreten werden, und sagt, was du tun kannst.',
    targetLabel: 'Raum, Code oder Adresse (optional)',
    targetHint: 'Um jeden Schritt bis zu einem Raum zu sehen.',
    checkAgain: 'Erneut prüfen',
    progress: 'Prüfe… {{finished}} von {{total}} fertig',
    nothingFailed: 'Nichts fehlgeschlagen.',
    failed_one: '{{count}} Prüfung fehlgeschlagen: Was zu tun ist, steht unten.',
    failed_other: '{{count}} Prüfungen fehlgeschlagen: Was zu tun ist, steht unten.',
    checks: 'Prüfungen',
    checking: 'wird geprüft',
    checkingLong: 'Wird geprüft…',
    statusOk: 'OK',
    statusWarn: 'Warnung',
    statusFail: 'Fehlgeschlagen',
    statusSkipped: 'Übersprungen',
    titleStatus: '{{title}}: {{status}}',
    steps: 'Schritte',
    whatToDo: 'Was zu tun ist:',
    details: 'Details',
    done: 'Fertig',
    titleInterfaces: 'Netzwerkschnittstellen',
    titleMulticast: 'Multicast kommt zurück',
    titleMdnsPort: 'mDNS-Port 5353',
    titleFirewall: 'Firewall',
    titleVpn: 'VPNs und virtuelle Adapter',
    titleRoom: 'Raum',
  },
}

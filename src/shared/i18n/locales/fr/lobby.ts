import type { Catalogue } from '../en'

/**
 * The lobby: rooms nearby, hosting, joining by address, sharing, the doctor, network preferences,
 * certificates and verification codes, the guest join page.
 */
export const lobby: Catalogue = {
  lobby: {
    heading: 'Accueil',
    youAre: 'Vous êtes {{name}}',
    settings: 'Réglages',
    suggestedRoom: 'Salon de {{name}}',
    doctorTitle: 'Diagnostic réseau',
  },
  roomList: {
    heading: 'Salons à proximité',
    lookingForMore: 'Recherche d’autres salons…',
    hostedBy: 'Hébergé par {{name}}',
    hostedByPeople_one: 'Hébergé par {{name}} · {{count}}\u00a0personne',
    hostedByPeople_many: 'Hébergé par {{name}} · {{count}}\u00a0personnes',
    hostedByPeople_other: 'Hébergé par {{name}} · {{count}}\u00a0personnes',
    needsPassphrase: 'Demande une phrase secrète',
    needsPassphraseHidden: '(demande une phrase secrète)',
    yours: 'Le vôtre',
    trustVerified: 'Vérifié\u202f: le certificat auquel vous avez déjà fait confiance',
    trustUnverified: 'Pas encore vérifié\u202f: comparez le code avec l’hôte',
    trustChanged: 'Certificat modifié depuis votre dernière connexion',
    trustDowngraded: 'Était chiffré lors de votre dernière connexion, ne l’est plus',
    trustPlain: 'Non chiffré',
    trustVerifiedHidden: '(Vérifié\u202f: le certificat auquel vous avez déjà fait confiance)',
    badgeChanged: 'Certificat modifié',
    badgeDowngraded: 'N’est plus chiffré',
    badgePlain: 'Non chiffré',
    foundByScan: 'Trouvé par recherche',
    foundByScanTitle:
      'Non annoncé sur le réseau\u202f: trouvé lors d’une recherche approfondie ou parce que vous surveillez son adresse',
    conflicting: 'Certificats contradictoires',
    mismatch:
      'Ce salon est annoncé avec plusieurs certificats\u202f: quelqu’un d’autre se fait peut-être passer pour lui.',
    verificationCode: 'Code de vérification {{code}}',
    incompatible:
      'Ce salon utilise la version {{version}} du protocole, cette application la version {{ours}}. Mettez à jour l’application la plus ancienne.',
    cannotJoin: 'Impossible de rejoindre ce salon.',
    join: 'Rejoindre',
    joinRoom: 'Rejoindre {{name}}',
    joining: 'Connexion…',
    joinDialogTitle: 'Rejoindre «\u202f{{name}}\u202f»',
    askPassphrase: 'Ce salon demande une phrase secrète. Demandez-la à {{name}}.',
    wrongPassphrase: 'Phrase secrète incorrecte',
    typePassphrase: 'Saisissez la phrase secrète que l’hôte vous a donnée.',
    lookingForRooms: 'Recherche de salons…',
    lookingForRoomsText:
      'Les salons hébergés sur ce réseau apparaissent ici dès qu’ils sont trouvés.',
    cannotLook: 'Impossible de rechercher des salons',
    unavailable: 'La recherche de salons à proximité n’est pas disponible sur cet ordinateur.',
    unavailableBecause: 'Impossible de rechercher des salons à proximité\u202f: {{reason}}',
    stillCanJoin: 'Vous pouvez toujours rejoindre un salon par son adresse.',
    stillLooking: 'Recherche en cours…',
    noRoomYet:
      'Aucun salon ne s’est encore annoncé sur ce réseau. LAN Room reste à l’écoute\u202f: un salon qui démarre apparaît ici aussitôt.',
    expectingOne:
      'Vous en attendez un\u202f? Le réseau bloque peut-être les messages par lesquels les salons s’annoncent\u202f: c’est le cas des Wi-Fi invités, des VPN et de certains pare-feu. «\u202fChercher plus loin\u202f» interroge plutôt chaque adresse à proximité\u202f; vous pouvez aussi demander à l’hôte le code du salon ou l’adresse affichée dans son salon.',
    macLocalNetwork:
      'Sur Mac, LAN Room a aussi besoin de l’accès au réseau local\u202f: Réglages Système → Confidentialité et sécurité → Réseau local.',
    enterCode: 'Saisir un code de salon ou une adresse',
    checkNetwork: 'Vérifier le réseau',
  },
  lookHarder: {
    progress: 'Recherche approfondie\u202f: {{probed}} adresses sur {{total}} interrogées',
    progressFound:
      'Recherche approfondie\u202f: {{probed}} adresses sur {{total}} interrogées, {{found}} trouvées',
    cancel: 'Annuler',
    nothingAnswered_one: 'Aucune réponse sur {{count}}\u00a0adresse.',
    nothingAnswered_many: 'Aucune réponse sur {{count}}\u00a0adresses.',
    nothingAnswered_other: 'Aucune réponse sur {{count}}\u00a0adresses.',
    stopped: 'Recherche approfondie arrêtée.',
    button: 'Chercher plus loin',
    hint: 'Demande à chaque adresse de votre réseau, une par une, si un salon y tourne. Cela prend jusqu’à une minute, et seulement quand vous le demandez.',
  },
  hostForm: {
    title: 'Héberger un salon',
    intro: 'Les personnes de ce réseau le verront dans Salons à proximité.',
    windowsFirewall:
      'Windows vous demandera peut-être si LAN Room peut utiliser votre réseau. Choisissez Autoriser pour les réseaux privés afin que d’autres puissent vous rejoindre. Si vous avez choisi Annuler, autorisez LAN Room dans Sécurité Windows → Pare-feu.',
    nameLabel: 'Nom du salon',
    nameEmpty: 'Donnez un nom au salon pour que l’on puisse le trouver.',
    passphraseLabel: 'Phrase secrète (facultative)',
    passphraseHint:
      'Seules les personnes à qui vous la donnez peuvent entrer. Elle ne quitte jamais cet ordinateur\u202f: les autres prouvent qu’ils la connaissent.',
    starting: 'Démarrage…',
    submit: 'Héberger le salon',
  },
  joinByAddress: {
    title: 'Rejoindre par adresse',
    hostedBy: 'Hébergé par {{name}}',
    verificationCode: 'Code de vérification\u202f: {{code}}',
    foundNearby:
      'Trouvé à proximité\u202f: l’adresse du code de salon ({{address}}) ne répond plus comme ce salon.',
    codeVerified:
      'Vérifié\u202f: le certificat de ce salon est bien celui que désigne le code de salon {{code}}.',
    codeVerifiedReplaces:
      'Vérifié\u202f: le certificat de ce salon est bien celui que désigne le code de salon {{code}}\u202f; il remplace celui qu’avait ce salon lors de votre dernière connexion (code {{pinned}}).',
    downgraded:
      'Ce salon était chiffré lors de votre dernière connexion (code {{pinned}}), il ne l’est plus. Quelqu’un se fait peut-être passer pour lui\u202f: demandez à l’hôte avant de rejoindre.',
    notEncrypted: 'Ce salon n’est pas chiffré\u202f: tout le monde sur le réseau peut le lire.',
    samePin: 'Vérifié\u202f: le même certificat que lors de votre dernière connexion.',
    changedPin:
      'Ce n’est pas le certificat qu’avait ce salon lors de votre dernière connexion (son code était {{pinned}}). Demandez à l’hôte quel code affiche son salon avant de continuer.',
    compareCode: 'Vérifiez que le salon de l’hôte affiche le même code.',
    back: 'Retour',
    join: 'Rejoindre',
    joining: 'Connexion…',
    intro:
      'Fonctionne même si le salon n’apparaît pas. L’hôte voit le code du salon et ses adresses dans son salon.',
    addressLabel: 'Code de salon ou adresse',
    addressPlaceholder: '{{code}} ou {{address}}',
    addressEmpty:
      'Saisissez le code du salon ou l’adresse que l’hôte voit dans son salon, par exemple {{address}}.',
    looking: 'Recherche…',
    continue: 'Continuer',
    findOutWhy: 'Savoir pourquoi',
  },
  joinRefusal: {
    wrongPassphrase: 'Phrase secrète incorrecte',
    typePassphrase: 'Saisissez la phrase secrète que l’hôte vous a donnée.',
  },
  retry: {
    seconds: '{{seconds}}\u00a0s',
    minutes: '{{minutes}}\u00a0min',
    minutesSeconds: '{{minutes}}\u00a0min {{seconds}}\u00a0s',
    wait: 'Trop de phrases secrètes incorrectes depuis cet ordinateur. Réessayez dans {{wait}}.',
    now: 'Trop de phrases secrètes incorrectes. Vous pouvez réessayer maintenant.',
  },
  shareAddresses: {
    copy: 'Copier',
    heading: 'Inviter des personnes',
    roomCode: 'Code du salon',
    roomCodeSpelled: 'Code du salon {{code}}',
    copyRoomCode: 'Copier le code du salon',
    roomCodeHint:
      'Lisez-le à voix haute ou envoyez-le\u202f: saisi dans Rejoindre par adresse, il trouve ce salon et vérifie son certificat, sans que personne ait à comparer de codes.',
    otherCodes: 'Codes pour les autres réseaux de cet ordinateur',
    copyCodeFor: 'Copier le code du salon pour {{address}}',
    fromBrowser: 'Rejoindre depuis un navigateur',
    qrAlt: 'QR code du lien pour rejoindre depuis un navigateur',
    copyLink: 'Copier le lien pour rejoindre depuis un navigateur',
    scanHint:
      'Scannez-le avec l’appareil photo d’un téléphone, ou ouvrez le lien dans un navigateur sur ce réseau. La page affiche le code du salon\u202f: ce doit être {{code}}.',
    typeHint:
      'Les personnes de ce réseau trouvent le salon dans Salons à proximité. S’il n’apparaît pas chez elles, elles peuvent le rejoindre en saisissant\u202f:',
    copyAddress: 'Copier {{address}}',
    noAddress:
      'Cet ordinateur n’a aucune adresse réseau joignable par d’autres\u202f: seules les personnes qui l’utilisent peuvent rejoindre.',
    copied: '{{text}} copié',
  },
  certificateWarning: {
    thisRoom: 'Ce salon',
    quotedName: '«\u202f{{name}}\u202f»',
    titleDowngraded: 'Le salon n’est plus chiffré',
    titleChanged: 'Le certificat du salon a changé',
    downgraded:
      '{{name}} était chiffré lors de votre dernière connexion, il ne l’est plus\u202f: LAN Room ne s’est donc pas connecté.',
    changed:
      '{{name}} ne présente plus le certificat qu’il avait lors de votre dernière connexion\u202f: LAN Room ne s’est donc pas connecté.',
    codeTrusted: 'Code auquel vous faisiez confiance',
    codeNow: 'Code affiché maintenant',
    downgradedAdvice:
      'Quelqu’un sur le réseau se fait peut-être passer pour le salon afin de lire ce que vous envoyez. Demandez à l’hôte, en personne ou par téléphone, s’il a désactivé le chiffrement, et ne rejoignez pas avant sa confirmation.',
    changedAdvice:
      'L’hôte a peut-être réinstallé LAN Room ou changé d’ordinateur. Mais il peut aussi s’agir de quelqu’un sur le réseau qui se fait passer pour le salon. Demandez à l’hôte quel code affiche son salon — en personne ou par téléphone, pas dans un chat — et faites-lui confiance seulement s’il s’agit de {{code}}.',
    dontJoin: 'Ne pas rejoindre',
    joining: 'Connexion…',
    trust: 'Faire confiance au nouveau certificat',
  },
  verificationCode: {
    spelled: 'Code de vérification {{code}}',
    notEncrypted: 'non chiffré',
  },
  guestJoin: {
    title: 'Rejoindre ce salon',
    hostedBy: 'Hébergé par {{name}}',
    codeInLink: 'Code de votre lien',
    none: 'aucun',
    codeShown: 'Code affiché par ce salon',
    notEncrypted: 'Ce salon n’est pas chiffré\u202f: tout le monde sur le réseau peut le lire.',
    mismatch:
      'Les codes diffèrent\u202f: ce n’est pas le salon pour lequel votre lien a été créé, ou son certificat a changé depuis. Redemandez son QR code à l’hôte avant de rejoindre.',
    match:
      'Les codes correspondent\u202f: c’est bien le salon dont vous avez ouvert le lien ou le QR code.',
    compareCode: 'Vérifiez que le salon de l’hôte affiche le même code avant de rejoindre.',
    join: 'Rejoindre',
    joining: 'Connexion…',
    tryAgain: 'Réessayer',
    looking: 'Interrogation du salon…',
    warningTitle: 'À propos de l’avertissement du navigateur',
    warningText:
      'Avant l’ouverture de cette page, votre navigateur a sans doute indiqué que la connexion n’est «\u202fpas privée\u202f» ou «\u202fpas sécurisée\u202f». C’est normal ici\u202f: le salon chiffre tout, mais avec un certificat qu’il a créé lui-même et qu’aucune entreprise n’a signé, si bien que le navigateur ne peut pas s’en porter garant.',
    codeText:
      'C’est le code qui vous dit que c’est le bon salon. Si le code de votre lien correspond à celui affiché sur l’écran de l’hôte, vous êtes bien connecté à son salon. Les autres personnes du salon vous voient signalé comme invité.',
  },
  networkPreferences: {
    legend: 'Réseau',
    automatic: 'Choisir automatiquement les interfaces réseau',
    automaticHint:
      'Les salons sont annoncés et recherchés sur chaque réseau privé auquel cet ordinateur est connecté, sauf les VPN et les cartes virtuelles. Désactivez cette option pour choisir.',
    interfaces: 'Interfaces réseau',
    noAddress: 'aucune adresse IPv4',
    vpn: 'VPN',
    virtual: 'carte virtuelle',
    notPrivate: 'réseau non privé',
    down: 'déconnectée',
    watched: 'Adresses surveillées',
    watchedHint:
      'Les salons à ces adresses sont affichés même quand le réseau masque leurs annonces\u202f: ils sont interrogés toutes les trente secondes. Adresses privées uniquement\u202f; un sous-réseau jusqu’à /22.',
    stopWatching: 'Ne plus surveiller {{target}}',
    remove: 'Retirer',
    watchLabel: 'Adresse ou sous-réseau à surveiller',
    watchPlaceholder: '{{address}} ou {{subnet}}',
    watch: 'Surveiller',
    watchEmpty: 'Saisissez une adresse ({{address}}) ou un sous-réseau ({{subnet}}).',
    ports: 'Autres ports à interroger',
    portsPlaceholder: 'par exemple {{ports}}',
    portsHint:
      'La recherche approfondie et les adresses surveillées interrogent toujours le port {{port}}\u202f; ajoutez les ports des salons hébergés sur d’autres.',
    portsInvalid: 'Les ports sont des nombres entiers de 1 à 65535, séparés par des virgules.',
  },
  doctor: {
    late: 'non terminé dans les {{seconds}}\u00a0s de l’exécution',
    lateFix: 'Relancez le diagnostic avec un --timeout plus long.',
    crashed: 'la vérification elle-même a échoué\u202f: {{reason}}',
    crashedFix: 'C’est un bogue de LAN Room\u202f; signalez-le avec ce rapport.',
    interfacesOffline:
      'aucune interface réseau active n’a d’adresse IPv4\u202f: cet ordinateur n’est sur aucun réseau',
    interfacesOfflineFix: 'Connectez-vous au Wi-Fi ou branchez un câble.',
    interfacesNoneUsed: 'aucune des interfaces actives ({{names}}) n’est utilisée pour les salons',
    interfacesNoneUsedFix:
      'Si les personnes que vous voulez retrouver sont sur l’un de ces réseaux (un réseau à adresses publiques, ou un VPN commun à tous), choisissez-le dans Réglages › Réseau › Interfaces réseau, ou en ligne de commande avec lanroom host --interface NOM.',
    interfacesLinkLocal:
      'les salons utilisent {{names}}, qui n’a qu’une adresse auto-attribuée (169.254.x.x)\u202f: le réseau ne lui en a pas donné',
    interfacesLinkLocalFix:
      'Le DHCP du routeur n’a pas répondu\u202f: reconnectez-vous au réseau ou redémarrez le routeur. Les salons fonctionnent toujours avec les personnes sur le même câble ou commutateur.',
    interfacesOk: 'les salons sont annoncés et recherchés sur {{names}}',
    multicastNoInterface:
      'aucune interface pour envoyer du multicast\u202f: aucune interface n’est utilisée pour les salons (voir la vérification des interfaces)',
    multicastNoInterfaceFix:
      'Connectez-vous à un réseau (Wi-Fi ou câble), ou choisissez des interfaces dans Réglages › Réseau › Interfaces réseau (en ligne de commande\u202f: lanroom host --interface NOM).',
    multicastCannotListen:
      'impossible d’écouter sur le port UDP {{port}} pour l’entendre revenir ({{reason}})',
    multicastCannotListenFix:
      'Voir la vérification du port mDNS\u202f: un autre programme réserve le port pour lui seul.',
    multicastOk: 'notre requête mDNS est revenue sur {{names}}',
    multicastOkOthers_one:
      'notre requête mDNS est revenue sur {{names}}, et {{count}}\u00a0autre appareil a été entendu',
    multicastOkOthers_many:
      'notre requête mDNS est revenue sur {{names}}, et {{count}}\u00a0autres appareils ont été entendus',
    multicastOkOthers_other:
      'notre requête mDNS est revenue sur {{names}}, et {{count}}\u00a0autres appareils ont été entendus',
    multicastLost:
      'notre propre requête mDNS n’est pas revenue sur {{names}}\u202f: depuis ici, les salons ne peuvent être ni trouvés ni vus',
    multicastPartly: 'notre requête mDNS est revenue sur {{names}} mais pas sur {{lost}}',
    multicastMacPermissionFix:
      'macOS empêche cette application d’accéder au réseau local\u202f: ouvrez Réglages Système › Confidentialité et sécurité › Réseau local et activez LAN Room (pour `lanroom`, l’application Terminal depuis laquelle vous le lancez).',
    multicastSendRefusedFix:
      'Un pare-feu sur cet ordinateur refuse l’envoi de multicast (mDNS, port UDP 5353 vers 224.0.0.251)\u202f: autorisez-le, ou rejoignez les salons par adresse ou code de salon.',
    multicastCannotSendFix:
      'Cette interface ne peut pas envoyer de multicast\u202f; les salons restent accessibles par adresse ou code de salon.',
    multicastDroppedFix:
      'Un pare-feu sur cet ordinateur rejette le mDNS entrant (port UDP 5353, multicast 224.0.0.251)\u202f: autorisez-le (Linux\u202f: cherchez une règle drop dans `sudo nft list ruleset`\u202f; Windows\u202f: autorisez LAN Room sur les réseaux privés). En attendant, rejoignez les salons par adresse ou code de salon.',
    mdnsFree: 'libre\u202f: aucun autre répondeur mDNS n’écoute sur le port UDP {{port}}',
    mdnsForbidden: 'ce programme n’a pas le droit d’écouter sur le port UDP {{port}} ({{reason}})',
    mdnsForbiddenFix:
      'Un logiciel de sécurité ou une stratégie tient l’application à l’écart du port mDNS\u202f: autorisez LAN Room.',
    mdnsOwnOnly:
      'utilisé uniquement par la découverte de LAN Room, partagé avec tout autre répondeur\u202f: normal',
    mdnsSharedOwnLinux:
      'partagé avec un autre répondeur mDNS{{who}}. La découverte de LAN Room en fait partie. Sous Linux, c’est généralement avahi-daemon (ou systemd-resolved)\u202f: normal, LAN Room partage le port avec lui (SO_REUSEADDR) et tous deux entendent chaque message mDNS.',
    mdnsSharedOwnMac:
      'partagé avec un autre répondeur mDNS{{who}}. La découverte de LAN Room en fait partie. Sous macOS, c’est mDNSResponder, toujours présent\u202f: normal, LAN Room partage le port.',
    mdnsSharedOwnWindows:
      'partagé avec un autre répondeur mDNS{{who}}. La découverte de LAN Room en fait partie. Sous Windows, c’est généralement le mDNS de Windows (le service Client DNS) ou Bonjour\u202f: normal, LAN Room partage le port.',
    mdnsSharedOwnOther:
      'partagé avec un autre répondeur mDNS{{who}}. La découverte de LAN Room en fait partie. C’est normal\u202f: LAN Room partage le port.',
    mdnsHeld:
      'un autre programme réserve le port UDP {{port}} pour lui seul{{who}}\u202f: LAN Room ne peut pas entendre le mDNS ({{reason}})',
    mdnsHeldFix:
      'Arrêtez ce programme ou configurez-le pour qu’il partage le port (la plupart des répondeurs mDNS le font), ou rejoignez les salons par adresse ou code de salon.',
    firewallDropsMdnsIn:
      '{{source}}\u202f: une règle rejette le mDNS entrant (UDP {{port}})\u202f: {{rule}}',
    firewallDropsMdnsOut:
      '{{source}}\u202f: une règle rejette le mDNS sortant (UDP {{port}})\u202f: {{rule}}',
    firewallDropsHosted:
      '{{source}}\u202f: une règle rejette les connexions aux salons hébergés ici sur TCP {{port}}\u202f: {{rule}}',
    firewallDropsRooms:
      '{{source}}\u202f: une règle rejette les connexions aux salons sur le port TCP {{port}}\u202f: {{rule}}',
    firewallMayDrop_one:
      '{{source}}\u202f: {{count}}\u00a0règle peut rejeter le trafic de LAN Room, selon l’interface ou la source',
    firewallMayDrop_many:
      '{{source}}\u202f: {{count}}\u00a0règles peuvent rejeter le trafic de LAN Room, selon l’interface ou la source',
    firewallMayDrop_other:
      '{{source}}\u202f: {{count}}\u00a0règles peuvent rejeter le trafic de LAN Room, selon l’interface ou la source',
    firewallOk: '{{source}}\u202f: aucune règle ne rejette le mDNS ni le port TCP {{ports}}',
    firewallLinuxFix:
      'Autorisez les ports de LAN Room dans le pare-feu\u202f: UDP 5353 (mDNS) en entrée et en sortie, et le port TCP du salon (47800 par défaut) — par exemple `sudo ufw allow 5353/udp` et `sudo ufw allow 47800/tcp` —, ou supprimez la règle indiquée.',
    firewallUnreadable:
      'impossible de lire les règles du pare-feu ({{reason}})\u202f: il faut les droits root. Si aucun salon n’est trouvé, vérifiez avec `sudo nft list ruleset` que UDP 5353 et TCP 47800 ne sont pas rejetés.',
    firewallWinBlocked: 'une règle du Pare-feu Windows bloque LAN Room\u202f: {{rules}}',
    firewallWinBlockedFix:
      'Ouvrez Sécurité Windows › Pare-feu et protection du réseau › Autoriser une application via le pare-feu, puis autorisez LAN Room sur les réseaux privés (ou supprimez la règle qui bloque).',
    firewallWinPublic:
      'Windows considère {{networks}} comme un réseau public, où LAN Room n’est pas autorisé\u202f: personne ne peut rejoindre un salon que vous hébergez, et la découverte peut être bloquée',
    firewallWinPublicFix:
      'Sur un réseau de confiance, rendez-le privé\u202f: Paramètres › Réseau et Internet › (votre réseau) › Type de profil réseau › Réseau privé. Autorisez ensuite LAN Room quand Windows le demande.',
    firewallWinNotAllowed:
      'aucune règle de pare-feu n’autorise encore LAN Room à accepter des connexions sur les réseaux {{profiles}}',
    firewallWinNotAllowedFix:
      'Windows pose la question la première fois que vous hébergez un salon\u202f: répondez Autoriser (sur les réseaux privés).',
    firewallWinOff: 'le pare-feu est désactivé pour les réseaux utilisés',
    firewallWinAllowed: 'LAN Room est autorisé sur les réseaux {{profiles}}',
    firewallWinUnreadable: 'impossible de lire le Pare-feu Windows\u202f: {{reason}}',
    firewallMacBlockAll:
      'le pare-feu de macOS bloque toutes les connexions entrantes\u202f: personne ne peut rejoindre un salon que vous hébergez',
    firewallMacBlockAllFix:
      'Réglages Système › Réseau › Coupe-feu › Options\u202f: désactivez «\u202fBloquer toutes les connexions entrantes\u202f».',
    firewallMacAppBlocked: 'le pare-feu de macOS bloque les connexions entrantes vers LAN Room',
    firewallMacAppBlockedFix:
      'Réglages Système › Réseau › Coupe-feu › Options\u202f: réglez LAN Room sur «\u202fAutoriser les connexions entrantes\u202f».',
    firewallMacOn:
      'le pare-feu de macOS est activé et ne bloque pas LAN Room. L’autorisation d’accès au réseau local ne peut pas être lue par un autre programme\u202f: si la vérification Multicast échoue avec «\u202fNo route to host\u202f», activez LAN Room dans Réglages Système › Confidentialité et sécurité › Réseau local.',
    firewallMacOff:
      'le pare-feu de macOS est désactivé. L’autorisation d’accès au réseau local ne peut pas être lue par un autre programme\u202f: si la vérification Multicast échoue avec «\u202fNo route to host\u202f», activez LAN Room dans Réglages Système › Confidentialité et sécurité › Réseau local.',
    firewallMacUnreadable: 'impossible de lire le pare-feu de macOS\u202f: {{reason}}',
    roomFixRefused:
      'Rien n’écoute sur ce port, ou un pare-feu refuse la connexion\u202f: vérifiez que le salon est toujours ouvert, que l’adresse et le port sont ceux qu’affiche l’application de l’hôte, et la vérification Pare-feu.',
    roomFixDropped:
      'Les paquets vers le salon se perdent en chemin\u202f: le pare-feu de l’hôte (sous Windows, autorisez LAN Room sur les réseaux privés et rendez le réseau privé), l’isolation des clients Wi-Fi (réseaux invités) ou un VPN. Voyez les vérifications Pare-feu et VPN\u202f; essayez en filaire ou sur le même réseau Wi-Fi.',
    roomFixUnreachable:
      'Cet ordinateur n’a pas de route vers cette adresse\u202f: assurez-vous que les deux sont sur le même réseau\u202f; un VPN capture peut-être le trafic (voir la vérification VPN).',
    roomFixNotTls:
      'Quelque chose répond sur ce port, mais pas en tant que LAN Room\u202f: vérifiez le port (l’application de l’hôte l’affiche).',
    roomFixNotRoom:
      'Quelque chose répond sur ce port, mais pas en tant que LAN Room de cette version\u202f: vérifiez l’adresse, et que les deux côtés utilisent la même version de LAN Room.',
    roomFixCertificate:
      'Comparez le code de vérification avec celui qu’affiche l’application de l’hôte. Si l’hôte a réinstallé LAN Room, rejoignez une fois et faites confiance au nouveau code après l’avoir vérifié avec lui\u202f; sinon, ne rejoignez pas\u202f: quelqu’un se fait peut-être passer pour le salon.',
    roomFixRoomCode:
      'Ce n’est pas le salon que le code désigne\u202f: quelqu’un d’autre est peut-être à cette adresse, ou l’adresse de l’hôte a changé (`lanroom join CODE` cherche alors le salon à proximité d’après son certificat). Demandez à l’hôte le code de salon que son salon affiche maintenant.',
    roomFixWebsocket:
      'Le salon répond aux requêtes web mais refuse la connexion de discussion\u202f: un logiciel de sécurité ou un proxy entre vous bloque peut-être les WebSockets, ou le salon est plein ou en train de fermer. Demandez à l’hôte de redémarrer le salon.',
    roomFixHello:
      'Le salon n’a pas répondu au salut\u202f: il est peut-être surchargé ou en train de fermer. Réessayez, ou demandez à l’hôte de redémarrer le salon.',
    roomFixTyped: 'Vérifiez ce que vous avez saisi.',
    roomFixUnexpected: 'Réessayez\u202f; si le problème persiste, signalez-le.',
    roomFixResolveName:
      'Vérifiez l’orthographe, ou utilisez l’adresse IP de l’hôte (son application l’affiche sous Partager).',
    roomFixResolveCode:
      'Comparez le code avec celui qu’affiche l’application de l’hôte\u202f: un caractère est peut-être mal saisi.',
    firewallUnsupported: 'la lecture du pare-feu n’est pas prise en charge sur {{platform}}',
    vpnCaptured:
      'le trafic vers votre réseau local {{network}} sort par {{via}} et non par {{iface}}\u202f: un VPN le capture, personne à proximité n’est joignable',
    vpnCapturedFix:
      'Activez l’option «\u202fautoriser l’accès au réseau local\u202f» de votre VPN (ou «\u202fpartage LAN\u202f», «\u202ftunnel partagé\u202f»), ou déconnectez le VPN pendant que vous utilisez LAN Room.',
    vpnDefault:
      'la route par défaut passe par {{via}}, un VPN\u202f: le réseau local reste joint directement',
    vpnDefaultFix:
      'En général sans conséquence. Si aucun salon n’est trouvé, le VPN bloque peut-être aussi le multicast local\u202f: autorisez l’accès au réseau local dans ses réglages, ou déconnectez-le pendant que vous utilisez LAN Room.',
    vpnOk: 'aucun VPN ne capture le trafic (route par défaut\u202f: {{via}})',
    vpnOkAdapters:
      'aucun VPN ne capture le trafic (route par défaut\u202f: {{via}})\u202f; cartes virtuelles actives\u202f: {{adapters}} (utilisées pour les salons seulement si vous les choisissez)',
    vpnOkUnreadable: 'impossible de lire la route par défaut',
    vpnOkUnreadableAdapters:
      'impossible de lire la route par défaut\u202f; cartes virtuelles actives\u202f: {{adapters}} (utilisées pour les salons seulement si vous les choisissez)',
    roomNoTarget:
      'aucun salon, code ou adresse indiqué\u202f: nommez-en un pour voir chaque étape pour l’atteindre',
    roomStepFailed: 'échec de {{step}}\u202f: {{reason}}',
    roomWarned: '{{room}} peut être rejoint, mais {{warnings}}',
    roomPlainFix:
      'Le salon n’est pas chiffré\u202f: les autres sur le réseau peuvent lire ce qui s’y dit. Demandez à l’hôte de le lancer sans --no-tls.',
    roomOk: '{{room}} peut être rejoint\u202f: toutes les étapes ont réussi',
  },
  doctorPanel: {
    intro:
      'Vérifie ce qui empêche de trouver ou de rejoindre des salons sur ce réseau, et indique quoi faire.',
    targetLabel: 'Salon, code ou adresse (facultatif)',
    targetHint: 'Pour voir chaque étape pour atteindre un salon.',
    checkAgain: 'Vérifier à nouveau',
    progress: 'Vérification… {{finished}} sur {{total}} terminées',
    nothingFailed: 'Aucun échec.',
    failed_one: '{{count}}\u00a0vérification a échoué\u202f: voyez ci-dessous quoi faire.',
    failed_many: '{{count}}\u00a0vérifications ont échoué\u202f: voyez ci-dessous quoi faire.',
    failed_other: '{{count}}\u00a0vérifications ont échoué\u202f: voyez ci-dessous quoi faire.',
    checks: 'Vérifications',
    checking: 'en cours',
    checkingLong: 'Vérification…',
    statusOk: 'OK',
    statusWarn: 'Avertissement',
    statusFail: 'Échec',
    statusSkipped: 'Ignorée',
    titleStatus: '{{title}}\u202f: {{status}}',
    steps: 'Étapes',
    whatToDo: 'Que faire\u202f:',
    details: 'Détails',
    done: 'Terminé',
    titleInterfaces: 'Interfaces réseau',
    titleMulticast: 'Retour du multicast',
    titleMdnsPort: 'Port mDNS 5353',
    titleFirewall: 'Pare-feu',
    titleVpn: 'VPN et cartes virtuelles',
    titleRoom: 'Salon',
  },
}

import type { Catalogue } from '../en'

/**
 * Outside the page and across it: the language setting, error sentences by code (errors),
 * notifications, the tray menu, main process dialogs, the updater.
 */
export const platform: Catalogue = {
  appearance: {
    heading: 'Apparence',
    theme: 'Thème',
    timeFormat: 'Format de l’heure',
    system: 'Système',
    systemThemeHint: 'selon le réglage de votre ordinateur',
    light: 'Clair',
    dark: 'Sombre',
    twelveHour: '12\u00a0heures',
    twentyFourHour: '24\u00a0heures',
    /** An example time in a format (Intl's): as it is, in every language. */
    timeSample: '{{time}}',
  },
  languageSetting: {
    legend: 'Langue',
    system: 'Système ({{language}})',
  },
  tray: {
    open: 'Ouvrir LAN Room',
    quit: 'Quitter LAN Room',
    mute: 'Mettre ce salon en sourdine',
    unmute: 'Réactiver le son de ce salon',
    stopHosting: 'Arrêter d’héberger',
    roomUnread_one: '{{room}} ({{unread}} non lu)',
    roomUnread_many: '{{room}} ({{unread}} non lus)',
    roomUnread_other: '{{room}} ({{unread}} non lus)',
    tooltipHosting: 'LAN Room\u202f: vous hébergez {{room}}',
    tooltipJoined: 'LAN Room\u202f: dans {{room}}',
    tooltipUnread_one: '{{status}} ({{unread}} non lu)',
    tooltipUnread_many: '{{status}} ({{unread}} non lus)',
    tooltipUnread_other: '{{status}} ({{unread}} non lus)',
    tooltipMuted: '{{status}}, en sourdine',
  },
  notifications: {
    messageIn: '{{name}} dans {{room}}',
    mention: '{{name}} vous a mentionné',
    mentionIn: '{{name}} vous a mentionné dans {{room}}',
    mentions_one: '{{count}}\u00a0mention de vous',
    mentions_many: '{{count}}\u00a0mentions de vous',
    mentions_other: '{{count}}\u00a0mentions de vous',
    mentionsIn_one: '{{count}}\u00a0mention de vous dans {{room}}',
    mentionsIn_many: '{{count}}\u00a0mentions de vous dans {{room}}',
    mentionsIn_other: '{{count}}\u00a0mentions de vous dans {{room}}',
    newMessages_one: '{{count}}\u00a0nouveau message de {{from}}',
    newMessages_many: '{{count}}\u00a0de nouveaux messages de {{from}}',
    newMessages_other: '{{count}}\u00a0nouveaux messages de {{from}}',
    newMessagesIn_one: '{{count}}\u00a0nouveau message de {{from}} dans {{room}}',
    newMessagesIn_many: '{{count}}\u00a0de nouveaux messages de {{from}} dans {{room}}',
    newMessagesIn_other: '{{count}}\u00a0nouveaux messages de {{from}} dans {{room}}',
    twoSenders: '{{name}} et {{other}}',
    manySenders_one: '{{name}} et {{count}}\u00a0autre personne',
    manySenders_many: '{{name}} et {{count}}\u00a0d’autres personnes',
    manySenders_other: '{{name}} et {{count}}\u00a0autres personnes',
    quote: '{{name}}\u202f: {{text}}',
    hidden: 'Nouveau message de {{name}}',
  },
  dialogs: {
    stillRunningTitle: 'LAN Room est toujours ouvert',
    stillRunningHostingTray:
      'Votre salon {{room}} reste ouvert. LAN Room continue de fonctionner dans la zone de notification\u202f: ouvrez-le depuis là, ou choisissez Quitter pour partir.',
    stillRunningJoinedTray:
      'Vous êtes toujours dans {{room}}. LAN Room continue de fonctionner dans la zone de notification\u202f: ouvrez-le depuis là, ou choisissez Quitter pour partir.',
    stillRunningHostingMenuBar:
      'Votre salon {{room}} reste ouvert. LAN Room continue de fonctionner dans la barre des menus\u202f: ouvrez-le depuis là, ou choisissez Quitter pour partir.',
    stillRunningJoinedMenuBar:
      'Vous êtes toujours dans {{room}}. LAN Room continue de fonctionner dans la barre des menus\u202f: ouvrez-le depuis là, ou choisissez Quitter pour partir.',
    couldNotStart: 'LAN Room n’a pas pu démarrer',
    windowCannotShow: 'Sa fenêtre ne peut pas s’afficher\u202f: {{error}}',
    identityAdvice:
      'LAN Room garde sa clé, son certificat et ses réglages dans {{dir}}. Si le fichier identity.pem y est endommagé, déplacez-le ailleurs\u202f: LAN Room en crée alors un nouveau, et les autres vous voient comme une nouvelle personne.',
  },
  /** The installers' texts that are ours (the Linux desktop entry's Comment). */
  installer: {
    comment: 'Discutez avec les personnes de votre réseau local',
  },
  contextMenu: {
    cut: 'Couper',
    copy: 'Copier',
    paste: 'Coller',
    selectAll: 'Tout sélectionner',
    noSuggestions: 'Aucune suggestion',
    addToDictionary: 'Ajouter au dictionnaire',
    copyLinkAddress: 'Copier l’adresse du lien',
  },
  errors: {
    APP_ERR_ALREADY_SENT: 'Ce fichier est déjà envoyé. Supprimez le message pour le retirer.',
    APP_ERR_BAD_ADDRESS:
      'Ce n’est pas une adresse. Saisissez-la sous la forme hôte:port, par exemple 192.168.1.20:47800.',
    APP_ERR_BAD_CODE:
      'Ce code de salon n’est pas valide. Comparez-le au code que l’hôte voit dans son salon.',
    APP_ERR_BUSY: 'Vous êtes déjà dans un salon. Quittez-le (ou arrêtez d’héberger) d’abord.',
    APP_ERR_CERTIFICATE_CHANGED:
      'Le certificat du salon a changé depuis votre dernière visite. Comparez le code de vérification avec l’hôte avant de lui faire confiance.',
    APP_ERR_CERTIFICATE_DOWNGRADED:
      'Le salon était chiffré et ne l’est plus. Demandez à l’hôte ce qui a changé avant de le rejoindre.',
    APP_ERR_CERTIFICATE_UNEXPECTED:
      'Le salon a présenté un autre certificat que celui que vous avez confirmé. Vérifiez le code de vérification avec l’hôte.',
    APP_ERR_CODE_MISMATCH:
      'Le salon à cette adresse ne correspond pas au code de salon. Vérifiez le code avec l’hôte.',
    APP_ERR_CONNECT:
      'Impossible de rejoindre le salon. Vérifiez qu’il est toujours ouvert, puis réessayez.',
    APP_ERR_EXECUTABLE:
      'Ce fichier est un programme. Confirmez que vous lui faites confiance avant de l’ouvrir.',
    APP_ERR_FILES_UNAVAILABLE: 'Ce salon n’accepte pas les fichiers.',
    APP_ERR_FILE_EXPIRED:
      'Le salon n’a plus ce fichier. Demandez à la personne de l’envoyer à nouveau.',
    APP_ERR_FILE_TOO_LARGE:
      'Ce fichier dépasse la taille que le salon accepte. Partagez-en un plus petit.',
    APP_ERR_FILE_UNREADABLE:
      'Ce fichier n’a pas pu être lu. Vérifiez qu’il existe toujours et que vous pouvez l’ouvrir.',
    APP_ERR_INCOMPATIBLE:
      'Ce salon utilise une version de LAN Room qui ne peut pas communiquer avec la vôtre. Mettez à jour l’une des deux applications.',
    APP_ERR_INVALID: 'Le salon a refusé la demande comme non valide.',
    APP_ERR_NOTHING_TO_TRUST: 'Ce salon n’a aucun certificat modifié auquel faire confiance.',
    APP_ERR_NOT_AN_IMAGE:
      'Ce fichier ne peut pas s’afficher comme image. Téléchargez-le pour l’ouvrir.',
    APP_ERR_NOT_AUTHOR: 'Vous ne pouvez modifier que vos propres messages.',
    APP_ERR_NOT_A_FILE: 'Ce message ne contient pas de fichier.',
    APP_ERR_NOT_CONNECTED:
      'Vous n’êtes pas connecté au salon pour le moment. Attendez le retour de la connexion, puis réessayez.',
    APP_ERR_NOT_DOWNLOADED: 'Ce fichier n’est pas téléchargé. Téléchargez-le à nouveau.',
    APP_ERR_NOT_FOUND: 'Ce message n’est plus dans le salon.',
    APP_ERR_NOT_HOSTING: 'Vous n’hébergez aucun salon.',
    APP_ERR_NOT_IN_BROWSER:
      'Ce n’est pas encore possible dans le navigateur. Utilisez l’application LAN Room.',
    APP_ERR_NOT_IN_ROOM: 'Vous n’êtes dans aucun salon.',
    APP_ERR_OPEN_FAILED: 'Le fichier n’a pas pu être ouvert. Ouvrez-le plutôt depuis son dossier.',
    APP_ERR_PASSPHRASE_REQUIRED: 'Ce salon demande une phrase secrète. Demandez-la à l’hôte.',
    APP_ERR_RATE_LIMITED: 'Trop de demandes au salon. Patientez un instant, puis réessayez.',
    APP_ERR_REQUEST_FAILED: 'Le salon n’a pas pu traiter la demande. Réessayez.',
    APP_ERR_ROOM_GONE: 'Ce salon n’est plus à proximité. Essayez de le rejoindre par son adresse.',
    APP_ERR_TIMEOUT: 'Le salon n’a pas répondu à temps. Réessayez.',
    APP_ERR_TOO_MANY_ATTEMPTS:
      'Trop de phrases secrètes erronées. Patientez un peu avant de réessayer.',
    APP_ERR_TOO_MANY_FILES: 'Trop de fichiers à la fois. Envoyez-en moins à la fois.',
    APP_ERR_TOO_MANY_NOTICES: 'Certains avis ont été omis, car trop sont arrivés en même temps.',
    APP_ERR_UNKNOWN_STAGED: 'Ce fichier n’est plus prêt à l’envoi. Ajoutez-le à nouveau.',
    APP_ERR_UNKNOWN_TRANSFER: 'Ce transfert n’existe plus.',
    APP_ERR_UNREACHABLE:
      'Le salon est injoignable. Vérifiez que vous êtes sur le même réseau que l’hôte.',
    APP_ERR_UNSUPPORTED: 'L’hôte de ce salon utilise une version de LAN Room qui ne le permet pas.',
    APP_ERR_UPLOAD_FAILED: 'L’envoi a échoué. Essayez d’envoyer le fichier à nouveau.',
    APP_ERR_WRONG_PASSPHRASE: 'Ce n’est pas la phrase secrète du salon. Vérifiez-la avec l’hôte.',
    BRIDGE_ERR_HANDLER_FAILED:
      'Un problème est survenu dans LAN Room. Réessayez\u202f; les détails figurent dans le journal.',
    BRIDGE_ERR_INVALID_ARGS: 'LAN Room n’a pas compris cette demande. Réessayez.',
    BRIDGE_ERR_INVALID_PAYLOAD:
      'Une mise à jour de l’affichage était trop volumineuse et a été omise.',
    BRIDGE_ERR_INVALID_RESULT:
      'LAN Room a donné une réponse inattendue. Réessayez\u202f; les détails figurent dans le journal.',
    BRIDGE_ERR_UNAVAILABLE:
      'LAN Room n’est pas prêt ou est en train de se fermer. Réessayez dans un instant.',
    BRIDGE_ERR_UNTRUSTED_SENDER:
      'La demande ne venait pas de la fenêtre de LAN Room et a été refusée.',
    HUB_ERR_BAD_OPTIONS:
      'Les réglages du salon ne sont pas valides. Vérifiez son nom et sa phrase secrète.',
    HUB_ERR_GUEST_APP:
      'La page des invités dans le navigateur est absente\u202f: le salon ne peut pas accueillir d’invités.',
    HUB_ERR_LISTEN:
      'Le salon n’a pas pu ouvrir son port réseau. Vérifiez le pare-feu, puis réessayez.',
    HUB_ERR_PORT_IN_USE:
      'Le port du salon est déjà utilisé. Fermez l’autre programme ou choisissez un autre port.',
    HUB_ERR_ROOM_IN_USE:
      'Ce salon est déjà ouvert sur cet ordinateur, avec les mêmes données (dans un autre LAN Room ou lanroom host). Fermez-le d’abord là-bas.',
    HUB_ERR_STORE_FAILED:
      'Votre salon s’est arrêté : son historique n’a pas pu être enregistré sur cet ordinateur. Vérifiez que le disque a de l’espace libre et qu’on peut y écrire, puis hébergez-le à nouveau ; les messages non confirmés sont restés chez leurs expéditeurs.',
    HUB_ERR_START: 'Le salon n’a pas pu démarrer. Les détails figurent dans le journal.',
    SCAN_ERR_NOT_AN_ADDRESS:
      'Ce n’est pas une adresse. Saisissez une adresse IPv4 ou un sous-réseau comme 192.168.1.0/24.',
    SCAN_ERR_NOT_PRIVATE: 'Seules les adresses d’un réseau local peuvent être surveillées.',
    SCAN_ERR_TOO_WIDE:
      'Ce sous-réseau est trop large. Surveillez au plus un /22 (1\u202f024\u00a0adresses).',
    UPDATE_ERR_DOWNLOAD:
      'La mise à jour n’a pas pu être téléchargée. Une nouvelle tentative aura lieu.',
    UPDATE_ERR_FAILED: 'La recherche de mises à jour a échoué.',
    UPDATE_ERR_FEED:
      'Le flux des versions ne propose aucune mise à jour utilisable pour l’instant. Il sera vérifié plus tard.',
    UPDATE_ERR_HOSTING:
      'Redémarrer fermerait votre salon pour tout le monde. Confirmez-le d’abord.',
    UPDATE_ERR_NOT_READY: 'Aucune mise à jour n’est prête à être installée.',
    UPDATE_ERR_OFFLINE:
      'GitHub est injoignable pour rechercher des mises à jour. Vérifiez la connexion.',
    UPDATE_ERR_SIGNATURE:
      'La mise à jour n’est pas signée par l’éditeur de LAN Room\u202f: elle n’a pas été installée.',
    UPDATE_ERR_UNAVAILABLE: 'Cet exemplaire de LAN Room ne se met pas à jour lui-même.',
    CHAT_ERR_INVALID_MESSAGE: 'Le salon n’a pas accepté ce message comme valide.',
    CHAT_ERR_UNKNOWN_TARGET: 'Le message auquel il répond n’est plus dans le salon.',
    CHAT_ERR_UNKNOWN_UPLOAD:
      'Le salon n’a pas le fichier que ce message partage. Envoyez à nouveau le fichier.',
    CHAT_ERR_FILE_MISMATCH:
      'Le fichier que ce message partage n’est pas celui qui a été envoyé. Envoyez à nouveau le fichier.',
    CONN_ERR_INVALID: 'Ce message est trop long pour le salon, ou n’est pas valide.',
    CONN_ERR_UNSUPPORTED:
      'L’hôte de ce salon utilise une version de LAN Room qui ne peut pas accepter ce message.',
    ROOM_INFO_PROGRESS_one:
      'Chargement des messages plus anciens… {{count, number}}\u00a0message jusqu’ici',
    ROOM_INFO_PROGRESS_many:
      'Chargement des messages plus anciens… {{count, number}}\u00a0de messages jusqu’ici',
    ROOM_INFO_PROGRESS_other:
      'Chargement des messages plus anciens… {{count, number}}\u00a0messages jusqu’ici',
    ROOM_ERR_OP_FAILED: '{{op}}.',
    ROOM_ERR_OP_NOT_AUTHOR: '{{op}}\u202f: seul son auteur peut le faire.',
    ROOM_ERR_OP_UNKNOWN_TARGET: '{{op}}\u202f: le message n’est plus dans le salon.',
    ROOM_ERR_OP_TOO_MANY_REACTIONS:
      '{{op}}\u202f: le message a déjà autant de réactions qu’il peut en contenir.',
    ROOM_ERR_OP_CLOSED: '{{op}}\u202f: la connexion au salon est fermée.',
    ROOM_ERR_OP_UNSUPPORTED:
      '{{op}}\u202f: l’hôte de ce salon utilise une version de LAN Room qui ne le permet pas.',
    ROOM_ERR_OP_INVALID: '{{op}}\u202f: c’est trop long pour le salon, ou non valide.',
    ROOM_ERR_OP_REFUSED: '{{op}}\u202f: le salon l’a refusé.',
    ROOM_ERR_HUB_INVALID_JSON:
      'Le salon n’a pas pu lire un message de LAN Room. Si cela se reproduit, quittez le salon et rejoignez-le à nouveau.',
    ROOM_ERR_HUB_INVALID_MESSAGE:
      'Un message échangé entre LAN Room et le salon n’était pas valide. Si cela se reproduit, quittez le salon et rejoignez-le à nouveau.',
    ROOM_ERR_HUB_UNKNOWN_TYPE:
      'L’hôte de ce salon utilise une version de LAN Room qui ne connaît pas l’un des messages de cette application.',
    ROOM_ERR_HUB_HELLO_REQUIRED:
      'Le salon a refusé un message envoyé avant que vous l’ayez rejoint.',
    ROOM_ERR_HUB_ALREADY_JOINED: 'D’après le salon, cette connexion l’a déjà rejoint.',
    ROOM_ERR_HUB_RATE_LIMITED:
      'Vous envoyez plus vite que le salon ne le permet. Patientez un instant.',
    ROOM_ERR_HUB_BINARY_UNSUPPORTED: 'Le salon n’accepte pas ce type de message.',
    ROOM_ERR_HUB_ROOM_FULL: 'Le salon est plein. Réessayez quand quelqu’un sera parti.',
    ROOM_ERR_HUB_INCOMPATIBLE_VERSION:
      'Ce salon utilise une version de LAN Room qui ne peut pas communiquer avec la vôtre. Mettez à jour l’une des deux applications.',
    ROOM_ERR_HUB_IDENTITY_UNPROVEN:
      'Le salon n’a pas pu vérifier l’identité de cette application. Quittez le salon et rejoignez-le à nouveau.',
    ROOM_ERR_HUB_PASSPHRASE_REQUIRED: 'Ce salon demande une phrase secrète. Demandez-la à l’hôte.',
    ROOM_ERR_HUB_WRONG_PASSPHRASE:
      'Ce n’est pas la phrase secrète du salon. Vérifiez-la avec l’hôte.',
    ROOM_ERR_HUB_TOO_MANY_ATTEMPTS:
      'Trop de phrases secrètes erronées. Patientez un peu avant de réessayer.',
    ROOM_ERR_HUB_NOT_AUTHOR: 'Seul son auteur peut modifier ce message.',
    ROOM_ERR_HUB_UNKNOWN_TARGET: 'Ce message n’est plus dans le salon.',
    ROOM_ERR_HUB_NO_CHANGE: 'Cela ne changerait rien.',
    ROOM_ERR_HUB_TOO_MANY_REACTIONS:
      'Ce message a déjà autant de réactions qu’il peut en contenir.',
    ROOM_ERR_HUB_MENTION_LIMITED_one:
      'Votre message a été envoyé sans @room\u202f: @room pourra de nouveau avertir tout le monde dans {{count}}\u00a0seconde.',
    ROOM_ERR_HUB_MENTION_LIMITED_many:
      'Votre message a été envoyé sans @room\u202f: @room pourra de nouveau avertir tout le monde dans {{count}}\u00a0de secondes.',
    ROOM_ERR_HUB_MENTION_LIMITED_other:
      'Votre message a été envoyé sans @room\u202f: @room pourra de nouveau avertir tout le monde dans {{count}}\u00a0secondes.',
    ROOM_ERR_HUB_UNKNOWN_UPLOAD:
      'Le salon n’a pas le fichier que ce message partage. Envoyez à nouveau le fichier.',
    ROOM_ERR_HUB_FILE_MISMATCH:
      'Le fichier que ce message partage n’est pas celui qui a été envoyé. Envoyez à nouveau le fichier.',
    ROOM_ERR_HUB_REQUEST_LIMITED:
      'Trop de demandes au salon. Patientez un instant, puis réessayez.',
    HUB_ERR_CLUSTER:
      'Le salon ne peut pas être servi par NATS. Vérifiez que les serveurs NATS fonctionnent et sont joignables.',
    FILE_ERR_UNAUTHORIZED:
      'Le salon n’a pas accepté la demande pour ce fichier. Quittez le salon, rejoignez-le à nouveau et réessayez.',
    FILE_ERR_FORBIDDEN: 'Le salon ne vous permet pas de faire cela avec ce fichier.',
    FILE_ERR_NOT_FOUND: 'Le salon n’a pas ce fichier.',
    FILE_ERR_EXPIRED: 'Le salon n’a plus ce fichier.',
    FILE_ERR_TOO_LARGE: 'Ce fichier dépasse la taille que le salon accepte.',
    FILE_ERR_BUDGET: 'Le salon n’a plus de place pour les fichiers. Réessayez plus tard.',
    FILE_ERR_BUSY: 'Le salon est occupé par d’autres fichiers. Réessayez dans un instant.',
    FILE_ERR_CHECKSUM: 'Le fichier est arrivé endommagé dans le salon. Envoyez-le à nouveau.',
    FILE_ERR_CORRUPT:
      'Le fichier téléchargé ne correspond pas à celui qui a été partagé\u202f: il n’a pas été conservé. Réessayez.',
    FILE_ERR_CANCELLED: 'Le transfert a été annulé.',
    FILE_ERR_NETWORK: 'Impossible de joindre le salon. Vérifiez votre connexion et réessayez.',
    FILE_ERR_IO: 'Impossible de lire ou d’enregistrer le fichier sur cet ordinateur.',
    LINK_ERR_TOO_LONG:
      'Impossible d’ouvrir ce lien. Il est plus long qu’un lien LAN Room ne peut l’être.',
    LINK_ERR_CHARACTER:
      'Impossible d’ouvrir ce lien. Il contient un caractère qu’aucun lien LAN Room ne contient (une espace, un caractère de contrôle ou une lettre hors ASCII).',
    LINK_ERR_SCHEME:
      'Impossible d’ouvrir ce lien. Ce n’est pas un lien LAN Room (lanroom://join/…).',
    LINK_ERR_ENCODED:
      'Impossible d’ouvrir ce lien. Les liens LAN Room ne contiennent jamais de caractères échappés (%).',
    LINK_ERR_QUERY:
      'Impossible d’ouvrir ce lien. Les liens LAN Room ne contiennent ni «\u202f?\u202f» ni «\u202f#\u202f».',
    LINK_ERR_CREDENTIALS:
      'Impossible d’ouvrir ce lien. Les liens LAN Room ne contiennent ni nom d’utilisateur ni mot de passe.',
    LINK_ERR_ACTION:
      'Impossible d’ouvrir ce lien. Le seul lien LAN Room est lanroom://join/<code de salon ou adresse>.',
    LINK_ERR_TARGET:
      'Impossible d’ouvrir ce lien. Un lien pour rejoindre indique un seul code de salon ou un seul hôte:port.',
    LINK_ERR_CODE: 'Impossible d’ouvrir ce lien. Le code de salon de ce lien est illisible.',
    LINK_ERR_ADDRESS:
      'Impossible d’ouvrir ce lien. L’adresse de ce lien n’est pas de la forme hôte:port (une adresse IPv6 entre crochets).',
  },
  errorOps: {
    react: 'Impossible d’ajouter la réaction',
    unreact: 'Impossible de retirer la réaction',
    edit: 'Impossible de modifier le message',
    delete: 'Impossible de supprimer le message',
  },
  startup: {
    messagesNotLoaded: 'Les messages du salon n’ont pas pu être chargés\u202f: {{reason}}',
  },
}

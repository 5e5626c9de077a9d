import type { Catalogue } from '../en'

/**
 * The settings dialog and its pages, preferences, confirmation dialogs, the passphrase field, the
 * update notice; and the window's own text (its title, the start screen).
 */
export const settings: Catalogue = {
  app: {
    lobbyTitle: 'Accueil — LAN Room',
    roomTitle: '{{room}} — LAN Room',
    roomTitleUnread: '({{unread, number}}) {{room}} — LAN Room',
    couldNotStart: 'LAN Room n’a pas pu démarrer',
    starting: 'Démarrage',
    linkWaiting:
      'Un lien pour rejoindre {{target}} est arrivé. Quittez {{room}} pour le retrouver sous «\u202fRejoindre par adresse\u202f».',
  },
  settingsDialog: {
    title: 'Réglages',
  },
  preferencesForm: {
    profile: 'Profil',
    saveName: 'Enregistrer le nom',
    saved: 'Enregistré.',
    savedInRoom: 'Enregistré. Le salon voit votre nouveau nom.',
    privacy: 'Confidentialité et saisie',
    readReceipts: 'Envoyer des confirmations de lecture',
    readReceiptsHint:
      'Les autres voient «\u202fVu par\u202f» sous leurs messages une fois que vous les avez lus. Si vous désactivez cette option, l’endroit où vous en êtes dans votre lecture n’est jamais envoyé.',
    spellcheck: 'Vérifier l’orthographe pendant la saisie',
    spellcheckHint:
      'Les mots mal orthographiés sont soulignés dans la zone de message\u202f; faites un clic droit sur l’un d’eux pour voir des suggestions.',
    spellcheckMac: 'macOS vérifie l’orthographe lui-même.',
    spellcheckDownload:
      'Les dictionnaires sont téléchargés depuis les serveurs de Google, une fois par langue (ce que vous tapez n’est jamais envoyé). Si vous désactivez cette option, rien n’est téléchargé.',
    files: 'Fichiers',
    troubleshooting: 'Dépannage',
    doctorHint:
      'Des salons n’apparaissent pas, ou impossible de les rejoindre\u202f? Le diagnostic réseau en cherche la raison.',
    doctor: 'Diagnostic réseau…',
    done: 'Terminé',
  },
  settingsNotifications: {
    title: 'Notifications',
    hint: 'Affichées quand la fenêtre de LAN Room n’est pas au premier plan.',
    notifyAbout: 'Me notifier pour',
    all: 'Tous les messages',
    mentions: 'Seulement les mentions de moi',
    mentionsHint: 'et @room',
    none: 'Rien',
    showText: 'Afficher le texte des messages dans les notifications',
    showTextHint:
      'Désactivé\u202f: les notifications disent seulement qui a écrit («\u202fNouveau message de Ada\u202f»), pour les écrans que d’autres peuvent voir.',
    sounds: 'Jouer un son avec les notifications',
    mute: 'Mettre {{room}} en sourdine',
    muteHint:
      'Un salon en sourdine ne vous notifie que lorsque quelqu’un vous mentionne (ou @room).',
  },
  settingsHosting: {
    title: 'Héberger un salon',
    allowGuests: 'Permettre de rejoindre depuis un navigateur',
    allowGuestsHint:
      'Votre salon affiche un code QR et un lien qui l’ouvrent dans le navigateur d’un téléphone ou d’un ordinateur, sans l’application. Ces personnes sont signalées comme invités. Si vous désactivez cette option, les navigateurs sont refusés, y compris dans le salon que vous hébergez\u202f; les personnes qui ont l’application ne sont pas concernées.',
  },
  settingsStartup: {
    title: 'Démarrage',
    atLogin: 'Lancer LAN Room à l’ouverture de session',
    atLoginHintTray:
      'Il démarre dans la zone de notification, sans fenêtre, pour que vous voyiez les salons et les messages dès qu’ils arrivent.',
    atLoginHintMenuBar:
      'Il démarre dans la barre des menus, sans fenêtre, pour que vous voyiez les salons et les messages dès qu’ils arrivent.',
  },
  settingsUpdates: {
    title: 'Mises à jour',
    version: 'LAN Room {{version}}',
    packageManager: 'Les mises à jour viennent du gestionnaire de paquets de votre système.',
    development:
      'Ceci est une version de développement ou une exécution de test\u202f: elle ne recherche pas de mises à jour.',
    unsupported:
      'Cette copie de LAN Room ne peut pas se mettre à jour elle-même\u202f: installez les nouvelles versions comme vous avez installé celle-ci.',
    automatic: 'Rechercher automatiquement les mises à jour',
    automaticHint:
      'Au démarrage puis toutes les quelques heures, LAN Room demande à GitHub s’il existe une nouvelle version et la télécharge en arrière-plan. Il ne redémarre jamais de lui-même.',
    checking: 'Recherche de mises à jour…',
    downloading: 'Téléchargement de la version {{version}}\u202f: {{percent}}\u00a0%',
    ready: 'La version {{version}} est prête\u202f: redémarrez LAN Room pour l’installer.',
    upToDate: 'LAN Room est à jour.',
    failed: 'La recherche de mises à jour a échoué.',
    lastChecked: 'Dernière vérification\u202f: {{when}}.',
    checkingShort: 'Recherche…',
    checkNow: 'Rechercher maintenant',
  },
  downloadFolder: {
    label: 'Dossier de téléchargement',
    systemFolder: 'Votre dossier Téléchargements',
    change: 'Modifier…',
    hint: 'Les fichiers que vous téléchargez depuis un salon sont enregistrés ici. Rien n’est téléchargé sans que vous le demandiez.',
  },
  confirmDialog: {
    working: 'En cours…',
  },
  passphraseField: {
    label: 'Phrase secrète',
    show: 'Afficher',
    hide: 'Masquer',
  },
  updateNotice: {
    downloading: 'Téléchargement de LAN Room {{version}}…',
    progressLabel: 'Téléchargement de la mise à jour',
    percent: '{{percent}}\u00a0%',
    ready: 'LAN Room {{version}} est prêt',
    installed: 'La mise à jour s’installe au redémarrage de LAN Room.',
    installedHosting:
      'La mise à jour s’installe au redémarrage de LAN Room, ce qui ferme le salon que vous hébergez.',
    releaseNotes: 'Notes de version',
    hideReleaseNotes: 'Masquer les notes de version',
    later: 'Plus tard',
    restarting: 'Redémarrage…',
    restart: 'Redémarrer pour mettre à jour',
    confirmTitle: 'Redémarrer pour mettre à jour\u202f?',
    confirmNamed:
      'Vous hébergez «\u202f{{room}}\u202f». Redémarrer ferme le salon pour tous ceux qui s’y trouvent\u202f; ils pourront le rejoindre dès que vous l’hébergerez de nouveau.',
    confirmUnnamed:
      'Vous hébergez un salon. Redémarrer le ferme pour tous ceux qui s’y trouvent\u202f; ils pourront le rejoindre dès que vous l’hébergerez de nouveau.',
    confirmLabel: 'Fermer le salon et redémarrer',
  },
}

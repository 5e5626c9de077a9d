import type { Catalogue } from '../en'

/**
 * The composer and files: attachments, the file tray and cards, drop zone, transfers, the image
 * lightbox, code blocks.
 */
export const composer: Catalogue = {
  composer: {
    replyingTo: 'En réponse à {{name}}',
    cancelReply: 'Annuler la réponse',
    cancelReplyTitle: 'Annuler la réponse (Échap)',
    mentionList: 'Mentionner quelqu’un',
    mentionRoom: 'Notifier tout le monde dans le salon',
    insertEmoji: 'Insérer un emoji',
    label: 'Message',
    placeholder: 'Message à {{room}}',
    notConnected: 'Non connecté',
    emoji: 'Emoji',
    send: 'Envoyer',
    keys: '{{enter}} pour envoyer, {{shift}} + {{enter}} pour aller à la ligne',
    keyEnter: 'Entrée',
    keyShift: 'Maj',
  },
  lengthHint: {
    over_one: '{{count, number}}\u00a0caractère de trop',
    over_many: '{{count, number}}\u00a0caractères de trop',
    over_other: '{{count, number}}\u00a0caractères de trop',
    tooBig: 'Trop long pour un seul message',
    count: '{{length, number}} / {{max, number}}',
  },
  unsent: {
    warning_one:
      '{{count, number}}\u00a0message que vous avez écrit n’a pas encore été envoyé. Si vous partez maintenant, il sera perdu.',
    warning_many:
      '{{count, number}}\u00a0messages que vous avez écrits n’ont pas encore été envoyés. Si vous partez maintenant, ils seront perdus.',
    warning_other:
      '{{count, number}}\u00a0messages que vous avez écrits n’ont pas encore été envoyés. Si vous partez maintenant, ils seront perdus.',
  },
  attachButton: {
    label: 'Joindre des fichiers',
  },
  fileTray: {
    list: 'Fichiers à envoyer',
    remove: 'Retirer {{name}}',
    removeTitle: 'Retirer',
    preparing: 'Préparation des fichiers…',
    folders:
      'Impossible de partager un dossier\u202f: déposez les fichiers qu’il contient, ou une archive zip du dossier.',
    tooMany_one: 'Un message peut contenir {{count}}\u00a0fichier au maximum.',
    tooMany_many: 'Un message peut contenir {{count}}\u00a0fichiers au maximum.',
    tooMany_other: 'Un message peut contenir {{count}}\u00a0fichiers au maximum.',
  },
  dropZone: {
    title: 'Déposez pour partager avec {{room}}',
    hint: 'Vous pourrez ajouter une légende avant l’envoi.',
    refusedTitle: 'Ce salon n’accepte pas de fichiers',
    refusedHint:
      'Son hôte a désactivé le partage de fichiers, ou utilise une version plus ancienne.',
  },
  droppedFiles: {
    pastedImage: 'Image collée {{date}} {{time}}',
  },
  fileSize: {
    bytes: '{{value}}\u00a0o',
    kilobytes: '{{value}}\u00a0Ko',
    megabytes: '{{value}}\u00a0Mo',
    gigabytes: '{{value}}\u00a0Go',
    terabytes: '{{value}}\u00a0To',
    unknown: '?\u00a0o',
  },
  transfer: {
    preparing: 'Préparation…',
    verifying: 'Vérification…',
    checking: 'Le salon vérifie le fichier…',
    sending: 'Envoi…',
    paused: 'En attente du salon… {{done}} sur {{size}}',
    progress: '{{done}} sur {{size}}',
    tooLarge:
      '«\u202f{{name}}\u202f» fait {{size}}\u202f: ce salon accepte les fichiers jusqu’à {{max}}.',
  },
  fileCard: {
    viewTitle: 'Afficher en taille réelle',
    downloadAndViewTitle: 'Télécharger et afficher en taille réelle',
    view: 'Afficher {{name}} en taille réelle',
    program: 'programme (.{{extension}})',
    gone: 'n’est plus dans le salon',
    verified: 'vérifié',
    verifiedTitle: 'Téléchargé\u202f; son SHA-256 correspond à celui annoncé par l’expéditeur',
    failed: 'Échec du téléchargement',
    failedWith: 'Échec du téléchargement\u202f: {{reason}}',
    sendingProgress: 'Envoi de {{name}}',
    downloadingProgress: 'Téléchargement de {{name}}',
    cancel: 'Annuler',
    cancelSending: 'Annuler l’envoi de {{name}}',
    cancelDownload: 'Annuler le téléchargement de {{name}}',
    expired: 'Expiré',
    save: 'Enregistrer',
    saveNamed: 'Enregistrer {{name}}',
    open: 'Ouvrir',
    openNamed: 'Ouvrir {{name}}',
    showInFolder: 'Afficher dans le dossier',
    retry: 'Réessayer',
    retryNamed: 'Réessayer le téléchargement de {{name}}',
    download: 'Télécharger',
    downloadNamed: 'Télécharger {{name}}',
    saveTitle: 'Enregistrer «\u202f{{name}}\u202f»\u202f?',
    openTitle: 'Ouvrir «\u202f{{name}}\u202f»\u202f?',
    saveProgram:
      'Ce fichier est un programme. Une fois enregistré, l’ouvrir l’exécute avec vos droits, et il peut faire tout ce que vous pouvez faire. Ne l’enregistrez que si vous faites confiance à {{sender}}, qui l’a partagé, et si vous attendiez ce fichier.',
    openProgram:
      'Ce fichier est un programme. L’ouvrir l’exécute sur cet ordinateur avec vos droits, et il peut faire tout ce que vous pouvez faire. Ne l’ouvrez que si vous faites confiance à {{sender}}, qui l’a partagé, et si vous attendiez ce fichier.',
    saveAnyway: 'Enregistrer quand même',
    openAnyway: 'Ouvrir quand même',
  },
  lightbox: {
    close: 'Fermer',
    closeTitle: 'Fermer (Échap)',
    loading: 'Chargement',
  },
  codeBlock: {
    copy: 'Copier',
    copyCode: 'Copier le code',
    copied: 'Code copié',
  },
}

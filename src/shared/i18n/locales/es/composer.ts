import type { Catalogue } from '../en'

/**
 * The composer and files: attachments, the file tray and cards, drop zone, transfers, the image
 * lightbox, code blocks.
 */
export const composer: Catalogue = {
  composer: {
    replyingTo: 'Respondiendo a {{name}}',
    cancelReply: 'Cancelar respuesta',
    cancelReplyTitle: 'Cancelar respuesta (Esc)',
    mentionList: 'Mencionar a alguien',
    mentionRoom: 'Avisar a todos en la sala',
    insertEmoji: 'Insertar un emoji',
    label: 'Mensaje',
    placeholder: 'Mensaje para {{room}}',
    notConnected: 'Sin conexión',
    emoji: 'Emoji',
    send: 'Enviar',
    keys: '{{enter}} para enviar, {{shift}} + {{enter}} para una nueva línea',
    keyEnter: 'Intro',
    keyShift: 'Mayús',
  },
  lengthHint: {
    over_one: '{{count, number}} carácter de más',
    over_many: '{{count, number}} caracteres de más',
    over_other: '{{count, number}} caracteres de más',
    tooBig: 'Demasiado largo para un solo mensaje',
    count: '{{length, number}} / {{max, number}}',
  },
  unsent: {
    warning_one: '1 mensaje que escribiste aún no se ha enviado. Si sales ahora, se perderá.',
    warning_many:
      '{{count, number}} mensajes que escribiste aún no se han enviado. Si sales ahora, se perderán.',
    warning_other:
      '{{count, number}} mensajes que escribiste aún no se han enviado. Si sales ahora, se perderán.',
  },
  attachButton: {
    label: 'Adjuntar archivos',
  },
  fileTray: {
    list: 'Archivos para enviar',
    remove: 'Quitar {{name}}',
    removeTitle: 'Quitar',
    preparing: 'Preparando archivos…',
    folders:
      'No se pueden compartir carpetas: suelta los archivos que contiene, o un zip de la carpeta.',
    tooMany_one: 'Un mensaje admite como máximo {{count}} archivo.',
    tooMany_many: 'Un mensaje admite como máximo {{count}} archivos.',
    tooMany_other: 'Un mensaje admite como máximo {{count}} archivos.',
  },
  dropZone: {
    title: 'Suelta para compartir con {{room}}',
    hint: 'Puedes añadir un comentario antes de enviar.',
    refusedTitle: 'Esta sala no acepta archivos',
    refusedHint:
      'Su anfitrión desactivó el uso compartido de archivos, o usa una versión anterior.',
  },
  droppedFiles: {
    pastedImage: 'Imagen pegada {{date}} {{time}}',
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
    preparing: 'Preparando…',
    verifying: 'Verificando…',
    checking: 'La sala está comprobando el archivo…',
    sending: 'Enviando…',
    paused: 'Esperando a la sala… {{done}} de {{size}}',
    progress: '{{done}} de {{size}}',
    tooLarge: '“{{name}}” ocupa {{size}}: esta sala acepta archivos de hasta {{max}}.',
  },
  fileCard: {
    viewTitle: 'Ver a tamaño completo',
    downloadAndViewTitle: 'Descargar y ver a tamaño completo',
    view: 'Ver {{name}} a tamaño completo',
    program: 'programa (.{{extension}})',
    gone: 'ya no está en la sala',
    verified: 'verificado',
    verifiedTitle: 'Descargado; su SHA-256 coincide con el que declaró quien lo envió',
    failed: 'Error en la descarga',
    failedWith: 'Error en la descarga: {{reason}}',
    sendingProgress: 'Enviando {{name}}',
    downloadingProgress: 'Descargando {{name}}',
    cancel: 'Cancelar',
    cancelSending: 'Cancelar el envío de {{name}}',
    cancelDownload: 'Cancelar la descarga de {{name}}',
    expired: 'Caducado',
    save: 'Guardar',
    saveNamed: 'Guardar {{name}}',
    open: 'Abrir',
    openNamed: 'Abrir {{name}}',
    showInFolder: 'Mostrar en la carpeta',
    retry: 'Reintentar',
    retryNamed: 'Reintentar la descarga de {{name}}',
    download: 'Descargar',
    downloadNamed: 'Descargar {{name}}',
    saveTitle: '¿Guardar “{{name}}”?',
    openTitle: '¿Abrir “{{name}}”?',
    saveProgram:
      'Este archivo es un programa. Una vez guardado, al abrirlo se ejecuta con tus permisos y puede hacer todo lo que tú puedes hacer. Guárdalo solo si confías en {{sender}}, que lo compartió, y esperabas este archivo.',
    openProgram:
      'Este archivo es un programa. Al abrirlo se ejecuta en este equipo con tus permisos y puede hacer todo lo que tú puedes hacer. Ábrelo solo si confías en {{sender}}, que lo compartió, y esperabas este archivo.',
    saveAnyway: 'Guardar de todos modos',
    openAnyway: 'Abrir de todos modos',
  },
  lightbox: {
    close: 'Cerrar',
    closeTitle: 'Cerrar (Esc)',
    loading: 'Cargando',
  },
  codeBlock: {
    copy: 'Copiar',
    copyCode: 'Copiar código',
    copied: 'Código copiado',
  },
}

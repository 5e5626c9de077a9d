import type { Catalogue } from '../en'

/**
 * The settings dialog and its pages, preferences, confirmation dialogs, the passphrase field, the
 * update notice; and the window's own text (its title, the start screen).
 */
export const settings: Catalogue = {
  app: {
    lobbyTitle: 'Inicio — LAN Room',
    roomTitle: '{{room}} — LAN Room',
    roomTitleUnread: '({{unread, number}}) {{room}} — LAN Room',
    couldNotStart: 'LAN Room no pudo iniciarse',
    starting: 'Iniciando',
    linkWaiting:
      'Llegó un enlace para unirte a {{target}}. Sal de {{room}} para verlo en “Unirse por dirección”.',
  },
  settingsDialog: {
    title: 'Ajustes',
  },
  preferencesForm: {
    profile: 'Perfil',
    saveName: 'Guardar nombre',
    saved: 'Guardado.',
    savedInRoom: 'Guardado. La sala ve tu nuevo nombre.',
    privacy: 'Privacidad y escritura',
    readReceipts: 'Enviar confirmaciones de lectura',
    readReceiptsHint:
      'Los demás ven “Visto por” en sus mensajes cuando los has leído. Si lo desactivas, nunca se envía hasta dónde has leído.',
    spellcheck: 'Revisar la ortografía al escribir',
    spellcheckHint:
      'Las palabras mal escritas se subrayan en el cuadro de mensaje; haz clic derecho en una para ver sugerencias.',
    spellcheckMac: 'macOS revisa la ortografía por su cuenta.',
    spellcheckDownload:
      'Los diccionarios se descargan de los servidores de Google, una vez por idioma (lo que escribes nunca se envía). Si lo desactivas, no se descarga nada.',
    files: 'Archivos',
    troubleshooting: 'Solución de problemas',
    doctorHint: '¿No aparecen salas o no puedes unirte? El diagnóstico de red averigua por qué.',
    doctor: 'Diagnóstico de red…',
    done: 'Listo',
  },
  settingsNotifications: {
    title: 'Notificaciones',
    hint: 'Se muestran mientras la ventana de LAN Room no está en primer plano.',
    notifyAbout: 'Avisarme de',
    all: 'Todos los mensajes',
    mentions: 'Solo menciones a mí',
    mentionsHint: 'y @room',
    none: 'Nada',
    showText: 'Mostrar el texto del mensaje en las notificaciones',
    showTextHint:
      'Desactivado: las notificaciones solo dicen quién escribió (“Nuevo mensaje de Ada”), para pantallas que otras personas pueden ver.',
    sounds: 'Reproducir un sonido con las notificaciones',
    mute: 'Silenciar {{room}}',
    muteHint: 'Una sala silenciada solo te avisa cuando alguien te menciona (o @room).',
  },
  settingsHosting: {
    title: 'Abrir una sala',
    allowGuests: 'Permitir unirse desde un navegador',
    allowGuestsHint:
      'Tu sala muestra un código QR y un enlace que la abren en el navegador de un teléfono o de un ordenador, sin la aplicación. Esas personas aparecen como invitados. Si lo desactivas, se rechazan los navegadores, también en la sala que tienes abierta; a quienes usan la aplicación no les afecta.',
  },
  settingsStartup: {
    title: 'Inicio',
    atLogin: 'Abrir LAN Room al iniciar sesión',
    atLoginHintTray:
      'Se inicia en la bandeja del sistema, sin ventana, para que veas las salas y los mensajes en cuanto llegan.',
    atLoginHintMenuBar:
      'Se inicia en la barra de menús, sin ventana, para que veas las salas y los mensajes en cuanto llegan.',
  },
  settingsUpdates: {
    title: 'Actualizaciones',
    version: 'LAN Room {{version}}',
    packageManager: 'Las actualizaciones llegan por el gestor de paquetes de tu sistema.',
    development: 'Esta es una versión de desarrollo o una prueba: no busca actualizaciones.',
    unsupported:
      'Esta copia de LAN Room no puede actualizarse sola: instala las nuevas versiones del mismo modo que instalaste esta.',
    automatic: 'Buscar actualizaciones automáticamente',
    automaticHint:
      'Al iniciarse y cada pocas horas, LAN Room pregunta a GitHub si hay una versión nueva y la descarga en segundo plano. Nunca se reinicia por sí solo.',
    checking: 'Buscando actualizaciones…',
    downloading: 'Descargando la versión {{version}}: {{percent}} %',
    ready: 'La versión {{version}} está lista: reinicia LAN Room para instalarla.',
    upToDate: 'LAN Room está actualizado.',
    failed: 'No se pudo buscar actualizaciones.',
    lastChecked: 'Última comprobación: {{when}}.',
    checkingShort: 'Buscando…',
    checkNow: 'Buscar ahora',
  },
  downloadFolder: {
    label: 'Carpeta de descargas',
    systemFolder: 'Tu carpeta Descargas',
    change: 'Cambiar…',
    hint: 'Los archivos que descargas de una sala se guardan aquí. No se descarga nada a menos que lo pidas.',
  },
  confirmDialog: {
    working: 'Procesando…',
  },
  passphraseField: {
    label: 'Frase de contraseña',
    show: 'Mostrar',
    hide: 'Ocultar',
  },
  updateNotice: {
    downloading: 'Descargando LAN Room {{version}}…',
    progressLabel: 'Descarga de la actualización',
    percent: '{{percent}} %',
    ready: 'LAN Room {{version}} está listo',
    installed: 'Se instala cuando reinicies LAN Room.',
    installedHosting:
      'Se instala cuando reinicies LAN Room, lo que cierra la sala que tienes abierta.',
    releaseNotes: 'Notas de la versión',
    hideReleaseNotes: 'Ocultar notas de la versión',
    later: 'Más tarde',
    restarting: 'Reiniciando…',
    restart: 'Reiniciar para actualizar',
    confirmTitle: '¿Reiniciar para actualizar?',
    confirmNamed:
      'Eres el anfitrión de “{{room}}”. Al reiniciar, la sala se cierra para todos los que están en ella; podrán volver a unirse cuando la abras de nuevo.',
    confirmUnnamed:
      'Eres el anfitrión de una sala. Al reiniciar, la sala se cierra para todos los que están en ella; podrán volver a unirse cuando la abras de nuevo.',
    confirmLabel: 'Cerrar la sala y reiniciar',
  },
}

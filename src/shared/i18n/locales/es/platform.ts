import type { Catalogue } from '../en'

/**
 * Outside the page and across it: the language setting, error sentences by code (errors),
 * notifications, the tray menu, main process dialogs, the updater.
 */
export const platform: Catalogue = {
  appearance: {
    heading: 'Apariencia',
    theme: 'Tema',
    timeFormat: 'Formato de hora',
    system: 'Sistema',
    systemThemeHint: 'según la configuración de tu equipo',
    light: 'Claro',
    dark: 'Oscuro',
    twelveHour: '12 horas',
    twentyFourHour: '24 horas',
    /** An example time in a format (Intl's): as it is, in every language. */
    timeSample: '{{time}}',
  },
  languageSetting: {
    legend: 'Idioma',
    system: 'Sistema ({{language}})',
  },
  tray: {
    open: 'Abrir LAN Room',
    quit: 'Salir de LAN Room',
    mute: 'Silenciar esta sala',
    unmute: 'Activar el sonido de esta sala',
    stopHosting: 'Cerrar la sala',
    roomUnread_one: '{{room}} ({{unread}} sin leer)',
    roomUnread_many: '{{room}} ({{unread}} sin leer)',
    roomUnread_other: '{{room}} ({{unread}} sin leer)',
    tooltipHosting: 'LAN Room: anfitrión de {{room}}',
    tooltipJoined: 'LAN Room: en {{room}}',
    tooltipUnread_one: '{{status}} ({{unread}} sin leer)',
    tooltipUnread_many: '{{status}} ({{unread}} sin leer)',
    tooltipUnread_other: '{{status}} ({{unread}} sin leer)',
    tooltipMuted: '{{status}}, silenciada',
  },
  notifications: {
    messageIn: '{{name}} en {{room}}',
    mention: '{{name}} te mencionó',
    mentionIn: '{{name}} te mencionó en {{room}}',
    mentions_one: '{{count}} mención de ti',
    mentions_many: '{{count}} de menciones de ti',
    mentions_other: '{{count}} menciones de ti',
    mentionsIn_one: '{{count}} mención de ti en {{room}}',
    mentionsIn_many: '{{count}} de menciones de ti en {{room}}',
    mentionsIn_other: '{{count}} menciones de ti en {{room}}',
    newMessages_one: '{{count}} mensaje nuevo de {{from}}',
    newMessages_many: '{{count}} de mensajes nuevos de {{from}}',
    newMessages_other: '{{count}} mensajes nuevos de {{from}}',
    newMessagesIn_one: '{{count}} mensaje nuevo de {{from}} en {{room}}',
    newMessagesIn_many: '{{count}} de mensajes nuevos de {{from}} en {{room}}',
    newMessagesIn_other: '{{count}} mensajes nuevos de {{from}} en {{room}}',
    twoSenders: '{{name}} y {{other}}',
    manySenders_one: '{{name}} y {{count}} persona más',
    manySenders_many: '{{name}} y {{count}} de personas más',
    manySenders_other: '{{name}} y {{count}} personas más',
    quote: '{{name}}: {{text}}',
    hidden: 'Mensaje nuevo de {{name}}',
  },
  dialogs: {
    stillRunningTitle: 'LAN Room sigue abierto',
    stillRunningHostingTray:
      'Tu sala {{room}} sigue abierta. LAN Room sigue funcionando en la bandeja del sistema: ábrelo desde ahí o elige Salir ahí para irte.',
    stillRunningJoinedTray:
      'Sigues en {{room}}. LAN Room sigue funcionando en la bandeja del sistema: ábrelo desde ahí o elige Salir ahí para irte.',
    stillRunningHostingMenuBar:
      'Tu sala {{room}} sigue abierta. LAN Room sigue funcionando en la barra de menús: ábrelo desde ahí o elige Salir ahí para irte.',
    stillRunningJoinedMenuBar:
      'Sigues en {{room}}. LAN Room sigue funcionando en la barra de menús: ábrelo desde ahí o elige Salir ahí para irte.',
    couldNotStart: 'LAN Room no pudo iniciarse',
    windowCannotShow: 'No se puede mostrar su ventana: {{error}}',
    identityAdvice:
      'LAN Room guarda su clave, su certificado y su configuración en {{dir}}. Si el archivo identity.pem está dañado, muévelo a otro lugar: LAN Room creará uno nuevo y los demás te verán como una persona nueva.',
  },
  /** The installers' texts that are ours (the Linux desktop entry's Comment). */
  installer: {
    comment: 'Chatea con las personas de tu red local',
  },
  contextMenu: {
    cut: 'Cortar',
    copy: 'Copiar',
    paste: 'Pegar',
    selectAll: 'Seleccionar todo',
    noSuggestions: 'No hay sugerencias',
    addToDictionary: 'Añadir al diccionario',
    copyLinkAddress: 'Copiar dirección del enlace',
  },
  errors: {
    APP_ERR_ALREADY_SENT: 'Ese archivo ya se envió. Elimina el mensaje para retirarlo.',
    APP_ERR_BAD_ADDRESS:
      'Eso no es una dirección. Escríbela como host:puerto, por ejemplo 192.168.1.20:47800.',
    APP_ERR_BAD_CODE:
      'Ese código de sala no es válido. Compáralo con el código que el anfitrión ve en su sala.',
    APP_ERR_BUSY: 'Ya estás en una sala. Sal de ella (o ciérrala) primero.',
    APP_ERR_CERTIFICATE_CHANGED:
      'El certificado de la sala cambió desde tu última visita. Compara el código de verificación con el anfitrión antes de confiar en él.',
    APP_ERR_CERTIFICATE_DOWNGRADED:
      'La sala estaba cifrada y ya no lo está. Pregunta al anfitrión qué cambió antes de unirte.',
    APP_ERR_CERTIFICATE_UNEXPECTED:
      'La sala presentó un certificado distinto del que confirmaste. Comprueba el código de verificación con el anfitrión.',
    APP_ERR_CODE_MISMATCH:
      'La sala de esa dirección no coincide con el código de sala. Comprueba el código con el anfitrión.',
    APP_ERR_CONNECT:
      'No se pudo entrar en la sala. Comprueba que sigue abierta y vuelve a intentarlo.',
    APP_ERR_EXECUTABLE: 'Ese archivo es un programa. Confirma que confías en él antes de abrirlo.',
    APP_ERR_FILES_UNAVAILABLE: 'Esta sala no admite archivos.',
    APP_ERR_FILE_EXPIRED: 'La sala ya no tiene ese archivo. Pide a quien lo envió que lo reenvíe.',
    APP_ERR_FILE_TOO_LARGE:
      'Ese archivo es más grande de lo que admite la sala. Comparte uno más pequeño.',
    APP_ERR_FILE_UNREADABLE:
      'No se pudo leer ese archivo. Comprueba que aún existe y que puedes abrirlo.',
    APP_ERR_INCOMPATIBLE:
      'Esta sala usa una versión de LAN Room que no puede comunicarse con la tuya. Actualiza una de las dos aplicaciones.',
    APP_ERR_INVALID: 'La sala rechazó la solicitud por no ser válida.',
    APP_ERR_NOTHING_TO_TRUST: 'Esa sala no tiene ningún certificado cambiado en el que confiar.',
    APP_ERR_NOT_AN_IMAGE: 'Ese archivo no se puede mostrar como imagen. Descárgalo para abrirlo.',
    APP_ERR_NOT_AUTHOR: 'Solo puedes cambiar tus propios mensajes.',
    APP_ERR_NOT_A_FILE: 'Ese mensaje no tiene ningún archivo.',
    APP_ERR_NOT_CONNECTED:
      'Ahora no estás conectado a la sala. Espera a que vuelva la conexión y vuelve a intentarlo.',
    APP_ERR_NOT_DOWNLOADED: 'Ese archivo no está descargado. Descárgalo de nuevo.',
    APP_ERR_NOT_FOUND: 'Ese mensaje ya no está en la sala.',
    APP_ERR_NOT_HOSTING: 'No tienes ninguna sala abierta.',
    APP_ERR_NOT_IN_BROWSER:
      'Esto aún no está disponible en el navegador. Usa la aplicación LAN Room.',
    APP_ERR_NOT_IN_ROOM: 'No estás en ninguna sala.',
    APP_ERR_OPEN_FAILED: 'No se pudo abrir el archivo. Ábrelo desde su carpeta.',
    APP_ERR_PASSPHRASE_REQUIRED:
      'Esta sala necesita una frase de contraseña. Pídesela al anfitrión.',
    APP_ERR_RATE_LIMITED:
      'Demasiadas solicitudes a la sala. Espera un momento y vuelve a intentarlo.',
    APP_ERR_REQUEST_FAILED: 'La sala no pudo atender la solicitud. Vuelve a intentarlo.',
    APP_ERR_ROOM_GONE: 'Esa sala ya no está cerca. Intenta unirte por su dirección.',
    APP_ERR_TIMEOUT: 'La sala no respondió a tiempo. Vuelve a intentarlo.',
    APP_ERR_TOO_MANY_ATTEMPTS:
      'Demasiadas frases de contraseña incorrectas. Espera un poco antes de volver a intentarlo.',
    APP_ERR_TOO_MANY_FILES: 'Demasiados archivos a la vez. Envía menos cada vez.',
    APP_ERR_TOO_MANY_NOTICES: 'Se omitieron algunos avisos porque llegaron demasiados a la vez.',
    APP_ERR_UNKNOWN_STAGED: 'Ese archivo ya no está listo para enviarse. Vuelve a añadirlo.',
    APP_ERR_UNKNOWN_TRANSFER: 'Esa transferencia ya no existe.',
    APP_ERR_UNREACHABLE:
      'No se pudo llegar a la sala. Comprueba que estás en la misma red que el anfitrión.',
    APP_ERR_UNSUPPORTED: 'El anfitrión de esta sala usa una versión de LAN Room que no lo permite.',
    APP_ERR_UPLOAD_FAILED: 'La subida falló. Intenta enviar el archivo de nuevo.',
    APP_ERR_WRONG_PASSPHRASE:
      'Esa no es la frase de contraseña de la sala. Compruébala con el anfitrión.',
    BRIDGE_ERR_HANDLER_FAILED:
      'Algo falló en LAN Room. Vuelve a intentarlo; los detalles están en el registro.',
    BRIDGE_ERR_INVALID_ARGS: 'LAN Room no entendió esa solicitud. Vuelve a intentarlo.',
    BRIDGE_ERR_INVALID_PAYLOAD:
      'Una actualización era demasiado grande para mostrarse y se omitió.',
    BRIDGE_ERR_INVALID_RESULT:
      'LAN Room dio una respuesta inesperada. Vuelve a intentarlo; los detalles están en el registro.',
    BRIDGE_ERR_UNAVAILABLE:
      'LAN Room no está listo o se está cerrando. Vuelve a intentarlo en un momento.',
    BRIDGE_ERR_UNTRUSTED_SENDER: 'La solicitud no venía de la ventana de LAN Room y se rechazó.',
    HUB_ERR_BAD_OPTIONS:
      'La configuración de la sala no es válida. Revisa su nombre y su frase de contraseña.',
    HUB_ERR_GUEST_APP:
      'Falta la página para invitados en el navegador, así que la sala no puede recibir invitados.',
    HUB_ERR_LISTEN:
      'La sala no pudo abrir su puerto de red. Revisa el cortafuegos y vuelve a intentarlo.',
    HUB_ERR_PORT_IN_USE:
      'El puerto de la sala ya está en uso. Cierra el otro programa o elige otro puerto.',
    HUB_ERR_ROOM_IN_USE:
      'Esta sala ya está abierta en este equipo, con los mismos datos (en otro LAN Room o en lanroom host). Ciérrala allí primero.',
    HUB_ERR_STORE_FAILED:
      'Tu sala se detuvo: su historial no se pudo guardar en este equipo. Comprueba que el disco tenga espacio libre y se pueda escribir en él, y vuelve a abrir la sala; los mensajes que no se confirmaron siguen con quienes los enviaron.',
    HUB_ERR_START: 'No se pudo abrir la sala. Los detalles están en el registro.',
    SCAN_ERR_NOT_AN_ADDRESS:
      'Eso no es una dirección. Escribe una dirección IPv4 o una subred como 192.168.1.0/24.',
    SCAN_ERR_NOT_PRIVATE: 'Solo se pueden vigilar direcciones de una red local.',
    SCAN_ERR_TOO_WIDE:
      'Esa subred es demasiado amplia. Vigila como máximo una /22 (1024 direcciones).',
    UPDATE_ERR_DOWNLOAD: 'No se pudo descargar la actualización. Se volverá a intentar.',
    UPDATE_ERR_FAILED: 'No se pudieron buscar actualizaciones.',
    UPDATE_ERR_FEED:
      'El canal de versiones no tiene ahora ninguna actualización utilizable. Se comprobará más tarde.',
    UPDATE_ERR_HOSTING: 'Reiniciar cerraría tu sala para todos. Confírmalo primero.',
    UPDATE_ERR_NOT_READY: 'No hay ninguna actualización lista para instalar.',
    UPDATE_ERR_OFFLINE:
      'No se pudo conectar con GitHub para buscar actualizaciones. Revisa la conexión.',
    UPDATE_ERR_SIGNATURE:
      'La actualización no está firmada por el editor de LAN Room, así que no se instaló.',
    UPDATE_ERR_UNAVAILABLE: 'Esta copia de LAN Room no se actualiza sola.',
    CHAT_ERR_INVALID_MESSAGE: 'La sala no aceptó este mensaje como válido.',
    CHAT_ERR_UNKNOWN_TARGET: 'El mensaje al que responde ya no está en la sala.',
    CHAT_ERR_UNKNOWN_UPLOAD:
      'La sala no tiene el archivo que comparte este mensaje. Envía el archivo de nuevo.',
    CHAT_ERR_FILE_MISMATCH:
      'El archivo que comparte este mensaje no es el que se subió. Envía el archivo de nuevo.',
    CONN_ERR_INVALID: 'Este mensaje es demasiado largo para la sala o no es válido.',
    CONN_ERR_UNSUPPORTED:
      'El anfitrión de esta sala usa una versión de LAN Room que no admite este mensaje.',
    ROOM_INFO_PROGRESS_one: 'Cargando mensajes anteriores… {{count, number}} mensaje hasta ahora',
    ROOM_INFO_PROGRESS_many:
      'Cargando mensajes anteriores… {{count, number}} de mensajes hasta ahora',
    ROOM_INFO_PROGRESS_other:
      'Cargando mensajes anteriores… {{count, number}} mensajes hasta ahora',
    ROOM_ERR_OP_FAILED: '{{op}}.',
    ROOM_ERR_OP_NOT_AUTHOR: '{{op}}: solo puede hacerlo quien lo escribió.',
    ROOM_ERR_OP_UNKNOWN_TARGET: '{{op}}: el mensaje ya no está en la sala.',
    ROOM_ERR_OP_TOO_MANY_REACTIONS: '{{op}}: el mensaje ya tiene todas las reacciones que admite.',
    ROOM_ERR_OP_CLOSED: '{{op}}: se cerró la conexión con la sala.',
    ROOM_ERR_OP_UNSUPPORTED:
      '{{op}}: el anfitrión de esta sala usa una versión de LAN Room que no lo permite.',
    ROOM_ERR_OP_INVALID: '{{op}}: es demasiado largo para la sala o no es válido.',
    ROOM_ERR_OP_REFUSED: '{{op}}: la sala lo rechazó.',
    ROOM_ERR_HUB_INVALID_JSON:
      'La sala no pudo leer un mensaje de LAN Room. Si vuelve a ocurrir, sal de la sala y vuelve a unirte.',
    ROOM_ERR_HUB_INVALID_MESSAGE:
      'Un mensaje entre LAN Room y la sala no era válido. Si vuelve a ocurrir, sal de la sala y vuelve a unirte.',
    ROOM_ERR_HUB_UNKNOWN_TYPE:
      'El anfitrión de esta sala usa una versión de LAN Room que no conoce uno de los mensajes de esta aplicación.',
    ROOM_ERR_HUB_HELLO_REQUIRED:
      'La sala rechazó un mensaje enviado antes de que terminaras de unirte.',
    ROOM_ERR_HUB_ALREADY_JOINED: 'Según la sala, esta conexión ya se había unido.',
    ROOM_ERR_HUB_RATE_LIMITED:
      'Estás enviando más rápido de lo que permite la sala. Espera un momento.',
    ROOM_ERR_HUB_BINARY_UNSUPPORTED: 'La sala no acepta ese tipo de mensaje.',
    ROOM_ERR_HUB_ROOM_FULL: 'La sala está llena. Vuelve a intentarlo cuando alguien se haya ido.',
    ROOM_ERR_HUB_INCOMPATIBLE_VERSION:
      'Esta sala usa una versión de LAN Room que no puede comunicarse con la tuya. Actualiza una de las dos aplicaciones.',
    ROOM_ERR_HUB_IDENTITY_UNPROVEN:
      'La sala no pudo verificar la identidad de esta aplicación. Sal de la sala y vuelve a unirte.',
    ROOM_ERR_HUB_PASSPHRASE_REQUIRED:
      'Esta sala necesita una frase de contraseña. Pídesela al anfitrión.',
    ROOM_ERR_HUB_WRONG_PASSPHRASE:
      'Esa no es la frase de contraseña de la sala. Compruébala con el anfitrión.',
    ROOM_ERR_HUB_TOO_MANY_ATTEMPTS:
      'Demasiadas frases de contraseña incorrectas. Espera un poco antes de volver a intentarlo.',
    ROOM_ERR_HUB_NOT_AUTHOR: 'Solo quien escribió ese mensaje puede cambiarlo.',
    ROOM_ERR_HUB_UNKNOWN_TARGET: 'Ese mensaje ya no está en la sala.',
    ROOM_ERR_HUB_NO_CHANGE: 'Eso no cambiaría nada.',
    ROOM_ERR_HUB_TOO_MANY_REACTIONS: 'Ese mensaje ya tiene todas las reacciones que admite.',
    ROOM_ERR_HUB_MENTION_LIMITED_one:
      'Tu mensaje se envió sin @room: podrás volver a avisar a todos con @room en {{count}} segundo.',
    ROOM_ERR_HUB_MENTION_LIMITED_many:
      'Tu mensaje se envió sin @room: podrás volver a avisar a todos con @room en {{count}} de segundos.',
    ROOM_ERR_HUB_MENTION_LIMITED_other:
      'Tu mensaje se envió sin @room: podrás volver a avisar a todos con @room en {{count}} segundos.',
    ROOM_ERR_HUB_UNKNOWN_UPLOAD:
      'La sala no tiene el archivo que comparte este mensaje. Envía el archivo de nuevo.',
    ROOM_ERR_HUB_FILE_MISMATCH:
      'El archivo que comparte este mensaje no es el que se subió. Envía el archivo de nuevo.',
    ROOM_ERR_HUB_REQUEST_LIMITED:
      'Demasiadas solicitudes a la sala. Espera un momento y vuelve a intentarlo.',
    HUB_ERR_CLUSTER:
      'La sala no se puede servir a través de NATS. Comprueba que los servidores NATS estén en marcha y sean accesibles.',
    FILE_ERR_UNAUTHORIZED:
      'La sala no aceptó la solicitud de este archivo. Sal de la sala, vuelve a entrar e inténtalo de nuevo.',
    FILE_ERR_FORBIDDEN: 'La sala no te permite hacer eso con este archivo.',
    FILE_ERR_NOT_FOUND: 'La sala no tiene este archivo.',
    FILE_ERR_EXPIRED: 'La sala ya no tiene este archivo.',
    FILE_ERR_TOO_LARGE: 'Este archivo es más grande de lo que admite la sala.',
    FILE_ERR_BUDGET: 'La sala no tiene más espacio para archivos. Inténtalo más tarde.',
    FILE_ERR_BUSY: 'La sala está ocupada con otros archivos. Inténtalo de nuevo en un momento.',
    FILE_ERR_CHECKSUM: 'El archivo llegó dañado a la sala. Envíalo de nuevo.',
    FILE_ERR_CORRUPT:
      'El archivo descargado no coincide con el que se compartió, así que no se guardó. Inténtalo de nuevo.',
    FILE_ERR_CANCELLED: 'Se canceló la transferencia.',
    FILE_ERR_NETWORK: 'No se pudo conectar con la sala. Revisa tu conexión e inténtalo de nuevo.',
    FILE_ERR_IO: 'No se pudo leer ni guardar el archivo en este equipo.',
    LINK_ERR_TOO_LONG:
      'No se puede abrir este enlace. Es más largo de lo que puede ser un enlace de LAN Room.',
    LINK_ERR_CHARACTER:
      'No se puede abrir este enlace. Tiene un carácter que ningún enlace de LAN Room tiene (un espacio, un carácter de control o una letra fuera de ASCII).',
    LINK_ERR_SCHEME:
      'No se puede abrir este enlace. No es un enlace de LAN Room (lanroom://join/…).',
    LINK_ERR_ENCODED:
      'No se puede abrir este enlace. Los enlaces de LAN Room nunca contienen caracteres escapados (%).',
    LINK_ERR_QUERY: 'No se puede abrir este enlace. Los enlaces de LAN Room no llevan «?» ni «#».',
    LINK_ERR_CREDENTIALS:
      'No se puede abrir este enlace. Los enlaces de LAN Room no llevan nombre de usuario ni contraseña.',
    LINK_ERR_ACTION:
      'No se puede abrir este enlace. El único enlace de LAN Room es lanroom://join/<código de sala o dirección>.',
    LINK_ERR_TARGET:
      'No se puede abrir este enlace. Un enlace para entrar indica un solo código de sala o un solo host:puerto.',
    LINK_ERR_CODE:
      'No se puede abrir este enlace. No se puede leer el código de sala de este enlace.',
    LINK_ERR_ADDRESS:
      'No se puede abrir este enlace. La dirección de este enlace no tiene la forma host:puerto (una dirección IPv6 entre corchetes).',
  },
  errorOps: {
    react: 'No se pudo añadir la reacción',
    unreact: 'No se pudo quitar la reacción',
    edit: 'No se pudo editar el mensaje',
    delete: 'No se pudo eliminar el mensaje',
  },
  startup: {
    messagesNotLoaded: 'No se pudieron cargar los mensajes de la sala: {{reason}}',
  },
}

import type { Catalogue } from '../en'

/**
 * The lobby: rooms nearby, hosting, joining by address, sharing, the doctor, network preferences,
 * certificates and verification codes, the guest join page.
 */
export const lobby: Catalogue = {
  lobby: {
    heading: 'Vestíbulo',
    youAre: 'Eres {{name}}',
    settings: 'Ajustes',
    suggestedRoom: 'Sala de {{name}}',
    doctorTitle: 'Diagnóstico de red',
  },
  roomList: {
    heading: 'Salas cercanas',
    lookingForMore: 'Buscando más…',
    hostedBy: 'Anfitrión: {{name}}',
    hostedByPeople_one: 'Anfitrión: {{name}} · {{count}} persona',
    hostedByPeople_many: 'Anfitrión: {{name}} · {{count}} personas',
    hostedByPeople_other: 'Anfitrión: {{name}} · {{count}} personas',
    needsPassphrase: 'Necesita una frase de contraseña',
    needsPassphraseHidden: '(necesita una frase de contraseña)',
    yours: 'Tuya',
    trustVerified: 'Verificada: el certificado en el que ya confiaste',
    trustUnverified: 'Aún sin verificar: compara el código con el anfitrión',
    trustChanged: 'El certificado cambió desde la última vez que entraste',
    trustDowngraded: 'Estaba cifrada la última vez que entraste, ahora no',
    trustPlain: 'Sin cifrar',
    trustVerifiedHidden: '(Verificada: el certificado en el que ya confiaste)',
    badgeChanged: 'Certificado cambiado',
    badgeDowngraded: 'Ya no está cifrada',
    badgePlain: 'Sin cifrar',
    foundByScan: 'Encontrada al buscar',
    foundByScanTitle:
      'No se anuncia en la red: se encontró al buscar a fondo o al vigilar su dirección',
    conflicting: 'Certificados en conflicto',
    mismatch:
      'Esta sala se anuncia con más de un certificado: puede que alguien más se esté haciendo pasar por ella.',
    verificationCode: 'Código de verificación {{code}}',
    incompatible:
      'Esta sala usa la versión {{version}} del protocolo; esta aplicación usa la versión {{ours}}. Actualiza la aplicación más antigua.',
    cannotJoin: 'No es posible entrar en esta sala.',
    join: 'Entrar',
    joinRoom: 'Entrar en {{name}}',
    joining: 'Entrando…',
    joinDialogTitle: 'Entrar en «{{name}}»',
    askPassphrase: 'Esta sala necesita una frase de contraseña. Pídesela a {{name}}.',
    wrongPassphrase: 'Frase de contraseña incorrecta',
    typePassphrase: 'Escribe la frase de contraseña que te dio el anfitrión.',
    lookingForRooms: 'Buscando salas…',
    lookingForRoomsText: 'Las salas abiertas en esta red aparecen aquí a medida que se encuentran.',
    cannotLook: 'No se pueden buscar salas',
    unavailable: 'La búsqueda de salas cercanas no está disponible en este equipo.',
    unavailableBecause: 'No se pueden buscar salas cercanas: {{reason}}',
    stillCanJoin: 'Aún puedes entrar en una sala por su dirección.',
    stillLooking: 'Seguimos buscando…',
    noRoomYet:
      'Todavía ninguna sala se ha anunciado en esta red. LAN Room sigue escuchando: una sala que se abra aparecerá aquí al momento.',
    expectingOne:
      '¿Esperas alguna? Puede que la red bloquee los mensajes con los que las salas se anuncian: lo hacen las redes Wi-Fi de invitados, las VPN y algunos cortafuegos. «Buscar a fondo» pregunta en su lugar a cada dirección cercana; también puedes pedir al anfitrión el código de sala o la dirección que aparece en su sala.',
    macLocalNetwork:
      'En un Mac, LAN Room también necesita acceso a la red local: Ajustes del Sistema → Privacidad y seguridad → Red local.',
    enterCode: 'Introducir un código de sala o una dirección',
    checkNetwork: 'Comprobar la red',
  },
  lookHarder: {
    progress: 'Buscando a fondo: {{probed}} de {{total}} direcciones consultadas',
    progressFound:
      'Buscando a fondo: {{probed}} de {{total}} direcciones consultadas, {{found}} encontradas',
    cancel: 'Cancelar',
    nothingAnswered_one: 'No respondió nada en {{count}} dirección.',
    nothingAnswered_many: 'No respondió nada en {{count}} direcciones.',
    nothingAnswered_other: 'No respondió nada en {{count}} direcciones.',
    stopped: 'Se detuvo la búsqueda a fondo.',
    button: 'Buscar a fondo',
    hint: 'Pregunta a cada dirección de tu red, una por una, si hay una sala abierta. Tarda hasta un minuto y solo ocurre cuando tú lo pides.',
  },
  hostForm: {
    title: 'Abrir una sala',
    intro: 'Las personas de esta red la verán en Salas cercanas.',
    windowsFirewall:
      'Puede que Windows te pregunte si LAN Room puede usar tu red. Elige Permitir para redes privadas para que otros puedan entrar. Si elegiste Cancelar, permite LAN Room en Seguridad de Windows → Firewall.',
    nameLabel: 'Nombre de la sala',
    nameEmpty: 'Ponle un nombre a la sala para que la gente pueda encontrarla.',
    passphraseLabel: 'Frase de contraseña (opcional)',
    passphraseHint:
      'Solo podrán entrar quienes la conozcan por ti. Nunca sale de este equipo; los demás demuestran que la saben.',
    starting: 'Abriendo…',
    submit: 'Abrir sala',
  },
  joinByAddress: {
    title: 'Entrar por dirección',
    hostedBy: 'Anfitrión: {{name}}',
    verificationCode: 'Código de verificación: {{code}}',
    foundNearby:
      'Encontrada cerca: la dirección del código de sala ({{address}}) ya no responde como esta sala.',
    codeVerified:
      'Verificada: el certificado de esta sala es el que indica el código de sala {{code}}.',
    codeVerifiedReplaces:
      'Verificada: el certificado de esta sala es el que indica el código de sala {{code}}; sustituye al que tenía esta sala la última vez que entraste (código {{pinned}}).',
    downgraded:
      'Esta sala estaba cifrada la última vez que entraste (código {{pinned}}) y ahora no lo está. Puede que alguien se esté haciendo pasar por ella: pregunta al anfitrión antes de entrar.',
    notEncrypted: 'Esta sala no está cifrada: cualquiera en la red puede leerla.',
    samePin: 'Verificada: el mismo certificado que la última vez que entraste.',
    changedPin:
      'Este no es el certificado que tenía esta sala la última vez que entraste (su código era {{pinned}}). Pregunta al anfitrión qué código muestra su sala antes de continuar.',
    compareCode: 'Comprueba que la sala del anfitrión muestra el mismo código.',
    back: 'Atrás',
    join: 'Entrar',
    joining: 'Entrando…',
    intro:
      'Funciona aunque la sala no aparezca. El anfitrión ve el código de sala y las direcciones en su sala.',
    addressLabel: 'Código de sala o dirección',
    addressPlaceholder: '{{code}} o {{address}}',
    addressEmpty:
      'Escribe el código de sala o la dirección que el anfitrión ve en su sala, como {{address}}.',
    looking: 'Buscando…',
    continue: 'Continuar',
    findOutWhy: 'Averiguar por qué',
  },
  joinRefusal: {
    wrongPassphrase: 'Frase de contraseña incorrecta',
    typePassphrase: 'Escribe la frase de contraseña que te dio el anfitrión.',
  },
  retry: {
    seconds: '{{seconds}} s',
    minutes: '{{minutes}} min',
    minutesSeconds: '{{minutes}} min {{seconds}} s',
    wait: 'Demasiadas frases de contraseña incorrectas desde este equipo. Vuelve a intentarlo en {{wait}}.',
    now: 'Demasiadas frases de contraseña incorrectas. Ya puedes volver a intentarlo.',
  },
  shareAddresses: {
    copy: 'Copiar',
    heading: 'Invitar a otras personas',
    roomCode: 'Código de sala',
    roomCodeSpelled: 'Código de sala {{code}}',
    copyRoomCode: 'Copiar el código de sala',
    roomCodeHint:
      'Dilo en voz alta o envíalo: escrito en Entrar por dirección, encuentra esta sala y comprueba su certificado, así nadie tiene que comparar códigos.',
    otherCodes: 'Códigos para las otras redes de este equipo',
    copyCodeFor: 'Copiar el código de sala para {{address}}',
    fromBrowser: 'Entrar desde un navegador',
    qrAlt: 'Código QR del enlace para entrar desde un navegador',
    copyLink: 'Copiar el enlace para entrar desde un navegador',
    scanHint:
      'Escanéalo con la cámara de un teléfono o abre el enlace en un navegador de esta red. La página muestra el código de la sala: debería ser {{code}}.',
    typeHint:
      'Las personas de esta red encuentran la sala en Salas cercanas. Si no les aparece, pueden entrar escribiendo:',
    copyAddress: 'Copiar {{address}}',
    noAddress:
      'Este equipo no tiene ninguna dirección de red a la que otros puedan llegar: solo pueden entrar quienes lo usan.',
    copied: 'Se copió {{text}}',
  },
  certificateWarning: {
    thisRoom: 'Esta sala',
    quotedName: '«{{name}}»',
    titleDowngraded: 'La sala ya no está cifrada',
    titleChanged: 'El certificado de la sala ha cambiado',
    downgraded:
      '{{name}} estaba cifrada la última vez que entraste y ahora no lo está, así que LAN Room no se conectó.',
    changed:
      '{{name}} no presenta el certificado que tenía la última vez que entraste, así que LAN Room no se conectó.',
    codeTrusted: 'Código en el que confiaste',
    codeNow: 'Código que muestra ahora',
    downgradedAdvice:
      'Puede que alguien en la red se esté haciendo pasar por la sala para leer lo que envías. Pregunta al anfitrión, en persona o por teléfono, si desactivó el cifrado, y no entres hasta que te lo confirme.',
    changedAdvice:
      'Puede que el anfitrión haya reinstalado LAN Room o se haya cambiado de equipo. Pero también puede ser alguien en la red haciéndose pasar por la sala. Pregunta al anfitrión qué código muestra su sala —en persona o por teléfono, no por chat— y confía solo si es {{code}}.',
    dontJoin: 'No entrar',
    joining: 'Entrando…',
    trust: 'Confiar en el nuevo certificado',
  },
  verificationCode: {
    spelled: 'Código de verificación {{code}}',
    notEncrypted: 'sin cifrar',
  },
  guestJoin: {
    title: 'Entrar en esta sala',
    hostedBy: 'Anfitrión: {{name}}',
    codeInLink: 'Código de tu enlace',
    none: 'ninguno',
    codeShown: 'Código que muestra esta sala',
    notEncrypted: 'Esta sala no está cifrada: cualquiera en la red puede leerla.',
    mismatch:
      'Los códigos no coinciden: esta no es la sala para la que se creó tu enlace, o su certificado ha cambiado desde entonces. Pide de nuevo el código QR al anfitrión antes de entrar.',
    match: 'Los códigos coinciden: esta es la sala cuyo enlace o código QR abriste.',
    compareCode: 'Comprueba que la sala del anfitrión muestra el mismo código antes de entrar.',
    join: 'Entrar',
    joining: 'Entrando…',
    tryAgain: 'Reintentar',
    looking: 'Consultando la sala…',
    warningTitle: 'Sobre la advertencia del navegador',
    warningText:
      'Antes de abrir esta página, es probable que tu navegador dijera que la conexión «no es privada» o «no es segura». Aquí es lo esperado: la sala lo cifra todo, pero con un certificado creado por ella misma que ninguna empresa ha firmado, así que el navegador no puede responder por él.',
    codeText:
      'Lo que te dice que es la sala correcta es el código. Si el código de tu enlace coincide con el que muestra la pantalla del anfitrión, estás hablando con su sala. Las demás personas de la sala te ven marcado como invitado.',
  },
  networkPreferences: {
    legend: 'Red',
    automatic: 'Elegir automáticamente las interfaces de red',
    automaticHint:
      'Las salas se anuncian y se buscan en cada red privada a la que está conectado este equipo, salvo las VPN y los adaptadores virtuales. Desactívalo para elegir.',
    interfaces: 'Interfaces de red',
    noAddress: 'sin dirección IPv4',
    vpn: 'VPN',
    virtual: 'adaptador virtual',
    notPrivate: 'no es una red privada',
    down: 'desconectada',
    watched: 'Direcciones vigiladas',
    watchedHint:
      'Las salas de estas direcciones se muestran aunque la red oculte sus anuncios: se consultan cada medio minuto. Solo direcciones privadas; una subred de hasta /22.',
    stopWatching: 'Dejar de vigilar {{target}}',
    remove: 'Quitar',
    watchLabel: 'Dirección o subred que vigilar',
    watchPlaceholder: '{{address}} o {{subnet}}',
    watch: 'Vigilar',
    watchEmpty: 'Escribe una dirección ({{address}}) o una subred ({{subnet}}).',
    ports: 'Otros puertos en los que buscar',
    portsPlaceholder: 'por ejemplo, {{ports}}',
    portsHint:
      'Buscar a fondo y las direcciones vigiladas siempre consultan el puerto {{port}}; añade los puertos de las salas abiertas en otros.',
    portsInvalid: 'Los puertos son números enteros del 1 al 65535, separados por comas.',
  },
  doctor: {
    late: 'no terminó dentro de los {{seconds}} s de la ejecución',
    lateFix: 'Vuelve a ejecutar el diagnóstico con un --timeout más largo.',
    crashed: 'la propia comprobación falló: {{reason}}',
    crashedFix: 'Es un error de LAN Room; infórmalo junto con este informe.',
    interfacesOffline:
      'ninguna interfaz de red activa tiene dirección IPv4: este equipo no está en ninguna red',
    interfacesOfflineFix: 'Conéctate a una red Wi-Fi o enchufa un cable.',
    interfacesNoneUsed: 'ninguna de las interfaces activas ({{names}}) se usa para las salas',
    interfacesNoneUsedFix:
      'Si las personas con las que quieres reunirte están en una de estas redes (una red con direcciones públicas o una VPN en la que estén todos), elígela en Ajustes › Red › Interfaces de red, o en la línea de comandos con lanroom host --interface NOMBRE.',
    interfacesLinkLocal:
      'las salas usan {{names}}, que solo tiene una dirección autoasignada (169.254.x.x): la red no le dio ninguna',
    interfacesLinkLocalFix:
      'El DHCP del router no respondió: vuelve a conectarte a la red o reinicia el router. Las salas siguen funcionando con las personas del mismo cable o switch.',
    interfacesOk: 'las salas se anuncian y se buscan en {{names}}',
    multicastNoInterface:
      'no hay interfaz para enviar multicast: ninguna interfaz se usa para las salas (mira la comprobación de interfaces)',
    multicastNoInterfaceFix:
      'Conéctate a una red (Wi-Fi o cable) o elige interfaces en Ajustes › Red › Interfaces de red (línea de comandos: lanroom host --interface NOMBRE).',
    multicastCannotListen:
      'no se puede escuchar en el puerto UDP {{port}} para oírla volver ({{reason}})',
    multicastCannotListenFix:
      'Consulta la comprobación del puerto mDNS: otro programa se reserva el puerto.',
    multicastOk: 'nuestra consulta mDNS volvió por {{names}}',
    multicastOkOthers_one:
      'nuestra consulta mDNS volvió por {{names}}, y se oyó {{count}} dispositivo más',
    multicastOkOthers_many:
      'nuestra consulta mDNS volvió por {{names}}, y se oyeron {{count}} dispositivos más',
    multicastOkOthers_other:
      'nuestra consulta mDNS volvió por {{names}}, y se oyeron {{count}} dispositivos más',
    multicastLost:
      'nuestra propia consulta mDNS no volvió por {{names}}: desde aquí no se pueden encontrar salas ni ser visto',
    multicastPartly: 'nuestra consulta mDNS volvió por {{names}} pero no por {{lost}}',
    multicastMacPermissionFix:
      'macOS impide que esta aplicación acceda a la red local: abre Ajustes del Sistema › Privacidad y seguridad › Red local y activa LAN Room (para `lanroom`, la aplicación de terminal desde la que lo ejecutas).',
    multicastSendRefusedFix:
      'Un cortafuegos de este equipo no deja enviar multicast (mDNS, puerto UDP 5353 a 224.0.0.251): permítelo o entra en las salas por dirección o código de sala.',
    multicastCannotSendFix:
      'Esta interfaz no puede enviar multicast; aún se puede entrar en las salas por dirección o código de sala.',
    multicastDroppedFix:
      'Un cortafuegos de este equipo descarta el mDNS entrante (puerto UDP 5353, multicast 224.0.0.251): permítelo (Linux: busca una regla drop en `sudo nft list ruleset`; Windows: permite LAN Room en redes privadas). Mientras tanto, entra en las salas por dirección o código de sala.',
    mdnsFree: 'libre: ningún otro servicio mDNS escucha en el puerto UDP {{port}}',
    mdnsForbidden:
      'este programa no tiene permiso para escuchar en el puerto UDP {{port}} ({{reason}})',
    mdnsForbiddenFix:
      'Un software de seguridad o una directiva impide a la aplicación usar el puerto mDNS: permite LAN Room.',
    mdnsOwnOnly:
      'solo lo usa la detección propia de LAN Room, compartido con cualquier otro servicio: normal',
    mdnsSharedOwnLinux:
      'compartido con otro servicio mDNS{{who}}. La detección propia de LAN Room es uno de ellos. En Linux suele ser avahi-daemon (o systemd-resolved): es normal, y LAN Room comparte el puerto con él (SO_REUSEADDR); ambos oyen todos los mensajes mDNS.',
    mdnsSharedOwnMac:
      'compartido con otro servicio mDNS{{who}}. La detección propia de LAN Room es uno de ellos. En macOS es mDNSResponder, siempre presente: es normal, y LAN Room comparte el puerto.',
    mdnsSharedOwnWindows:
      'compartido con otro servicio mDNS{{who}}. La detección propia de LAN Room es uno de ellos. En Windows suele ser el mDNS propio de Windows (el servicio Cliente DNS) o Bonjour: es normal, y LAN Room comparte el puerto.',
    mdnsSharedOwnOther:
      'compartido con otro servicio mDNS{{who}}. La detección propia de LAN Room es uno de ellos. Es normal: LAN Room comparte el puerto.',
    mdnsHeld:
      'otro programa se reserva el puerto UDP {{port}}{{who}}: LAN Room no puede oír mDNS ({{reason}})',
    mdnsHeldFix:
      'Detén o configura ese programa para que comparta el puerto (la mayoría de servicios mDNS lo hacen), o entra en las salas por dirección o código de sala.',
    firewallDropsMdnsIn: '{{source}}: una regla descarta el mDNS entrante (UDP {{port}}): {{rule}}',
    firewallDropsMdnsOut:
      '{{source}}: una regla descarta el mDNS saliente (UDP {{port}}): {{rule}}',
    firewallDropsHosted:
      '{{source}}: una regla descarta las conexiones a las salas abiertas aquí en TCP {{port}}: {{rule}}',
    firewallDropsRooms:
      '{{source}}: una regla descarta las conexiones a salas en el puerto TCP {{port}}: {{rule}}',
    firewallMayDrop_one:
      '{{source}}: {{count}} regla puede descartar el tráfico de LAN Room, según la interfaz o el origen',
    firewallMayDrop_many:
      '{{source}}: {{count}} reglas pueden descartar el tráfico de LAN Room, según la interfaz o el origen',
    firewallMayDrop_other:
      '{{source}}: {{count}} reglas pueden descartar el tráfico de LAN Room, según la interfaz o el origen',
    firewallOk: '{{source}}: ninguna regla descarta mDNS ni el puerto TCP {{ports}}',
    firewallLinuxFix:
      'Permite los puertos de LAN Room en el cortafuegos: UDP 5353 (mDNS) de entrada y salida, y el puerto TCP de la sala (47800 por defecto) —por ejemplo, `sudo ufw allow 5353/udp` y `sudo ufw allow 47800/tcp`—, o elimina la regla indicada.',
    firewallUnreadable:
      'no se pudieron leer las reglas del cortafuegos ({{reason}}): hace falta ser root. Si no se encuentran salas, comprueba con `sudo nft list ruleset` que UDP 5353 y TCP 47800 no se descartan.',
    firewallWinBlocked: 'una regla del Firewall de Windows bloquea LAN Room: {{rules}}',
    firewallWinBlockedFix:
      'Abre Seguridad de Windows › Firewall y protección de red › Permitir una aplicación a través del firewall, y permite LAN Room en redes privadas (o elimina la regla que lo bloquea).',
    firewallWinPublic:
      'Windows trata {{networks}} como una red pública, donde LAN Room no está permitido: nadie puede entrar en una sala que abras y la detección puede estar bloqueada',
    firewallWinPublicFix:
      'En una red de confianza, hazla privada: Configuración › Red e Internet › (tu red) › Tipo de perfil de red › Red privada. Después permite LAN Room cuando Windows lo pregunte.',
    firewallWinNotAllowed:
      'todavía ninguna regla del firewall permite a LAN Room aceptar conexiones en redes {{profiles}}',
    firewallWinNotAllowedFix:
      'Windows pregunta la primera vez que abres una sala: responde Permitir (en redes privadas).',
    firewallWinOff: 'el firewall está desactivado para las redes en uso',
    firewallWinAllowed: 'LAN Room está permitido en redes {{profiles}}',
    firewallWinUnreadable: 'no se pudo leer el Firewall de Windows: {{reason}}',
    firewallMacBlockAll:
      'el firewall de macOS bloquea todas las conexiones entrantes: nadie puede entrar en una sala que abras',
    firewallMacBlockAllFix:
      'Ajustes del Sistema › Red › Firewall › Opciones: desactiva «Bloquear todas las conexiones entrantes».',
    firewallMacAppBlocked: 'el firewall de macOS bloquea las conexiones entrantes a LAN Room',
    firewallMacAppBlockedFix:
      'Ajustes del Sistema › Red › Firewall › Opciones: configura LAN Room como «Permitir conexiones entrantes».',
    firewallMacOn:
      'el firewall de macOS está activado y no bloquea LAN Room. Otro programa no puede leer el permiso de red local: si la comprobación de multicast falla con «No route to host», activa LAN Room en Ajustes del Sistema › Privacidad y seguridad › Red local.',
    firewallMacOff:
      'el firewall de macOS está desactivado. Otro programa no puede leer el permiso de red local: si la comprobación de multicast falla con «No route to host», activa LAN Room en Ajustes del Sistema › Privacidad y seguridad › Red local.',
    firewallMacUnreadable: 'no se pudo leer el firewall de macOS: {{reason}}',
    roomFixRefused:
      'Nada escucha en ese puerto, o un firewall rechaza la conexión: comprueba que la sala sigue abierta, que la dirección y el puerto son los que muestra la app del anfitrión, y la comprobación del firewall.',
    roomFixDropped:
      'Los paquetes hacia la sala se pierden por el camino: el firewall del anfitrión (en Windows, permite LAN Room en redes privadas y haz que la red sea privada), el aislamiento de clientes Wi-Fi (redes de invitados) o una VPN. Mira las comprobaciones de firewall y VPN; prueba con cable o en la misma red Wi-Fi.',
    roomFixUnreachable:
      'Este equipo no tiene ruta hacia esa dirección: asegúrate de que ambos estén en la misma red; puede que una VPN esté capturando el tráfico (mira la comprobación de VPN).',
    roomFixNotTls:
      'Algo responde en ese puerto, pero no como LAN Room: comprueba el puerto (la app del anfitrión lo muestra).',
    roomFixNotRoom:
      'Algo responde en ese puerto, pero no como LAN Room de esta versión: comprueba la dirección y que ambos lados usen la misma versión de LAN Room.',
    roomFixCertificate:
      'Compara el código de verificación con el que muestra la app del anfitrión. Si el anfitrión reinstaló LAN Room, entra una vez y confía en el código nuevo después de comprobarlo con él; si no, no entres: alguien podría estar haciéndose pasar por la sala.',
    roomFixRoomCode:
      'Esta no es la sala que indica el código: puede que otra persona esté en esa dirección o que la dirección del anfitrión haya cambiado (`lanroom join CODE` busca entonces la sala cerca por su certificado). Pide al anfitrión el código de sala que muestra su sala ahora.',
    roomFixWebsocket:
      'La sala responde a solicitudes web pero rechaza la conexión del chat: un software de seguridad o un proxy entre ustedes puede bloquear los WebSockets, o la sala está llena o cerrándose. Pide al anfitrión que reinicie la sala.',
    roomFixHello:
      'La sala no saludó: puede estar sobrecargada o cerrándose. Inténtalo de nuevo o pide al anfitrión que reinicie la sala.',
    roomFixTyped: 'Revisa lo que escribiste.',
    roomFixUnexpected: 'Inténtalo de nuevo; si sigue pasando, infórmalo.',
    roomFixResolveName:
      'Revisa la ortografía o usa la dirección IP del anfitrión (su app la muestra en Compartir).',
    roomFixResolveCode:
      'Compara el código con el que muestra la app del anfitrión: puede que haya un carácter mal escrito.',
    firewallUnsupported: 'no se puede leer el cortafuegos en {{platform}}',
    vpnCaptured:
      'el tráfico hacia tu red local {{network}} sale por {{via}}, no por {{iface}}: una VPN lo captura, así que no se puede llegar a nadie cercano',
    vpnCapturedFix:
      'Activa la opción «permitir acceso a la red local» de tu VPN (o «compartir LAN», «túnel dividido»), o desconecta la VPN mientras usas LAN Room.',
    vpnDefault:
      'la ruta predeterminada pasa por {{via}}, una VPN: a la red local se sigue llegando directamente',
    vpnDefaultFix:
      'Normalmente no pasa nada. Si no se encuentran salas, puede que la VPN también bloquee el multicast local: permite el acceso a la red local en sus ajustes, o desconéctala mientras usas LAN Room.',
    vpnOk: 'ninguna VPN captura el tráfico (ruta predeterminada: {{via}})',
    vpnOkAdapters:
      'ninguna VPN captura el tráfico (ruta predeterminada: {{via}}); adaptadores virtuales activos: {{adapters}} (no se usan para las salas salvo que los elijas)',
    vpnOkUnreadable: 'no se pudo leer la ruta predeterminada',
    vpnOkUnreadableAdapters:
      'no se pudo leer la ruta predeterminada; adaptadores virtuales activos: {{adapters}} (no se usan para las salas salvo que los elijas)',
    roomNoTarget:
      'no se indicó sala, código ni dirección: indica uno para ver cada paso hasta llegar a él',
    roomStepFailed: 'falló {{step}}: {{reason}}',
    roomWarned: 'se puede entrar en {{room}}, pero {{warnings}}',
    roomPlainFix:
      'La sala no está cifrada: otros en la red pueden leer lo que se dice. Pide al anfitrión que la abra sin --no-tls.',
    roomOk: 'se puede entrar en {{room}}: todos los pasos se completaron',
  },
  doctorPanel: {
    intro:
      'Comprueba qué impide encontrar salas o entrar en ellas en esta red, y te dice qué hacer.',
    targetLabel: 'Sala, código o dirección (opcional)',
    targetHint: 'Para ver cada paso hasta llegar a una sala.',
    checkAgain: 'Volver a comprobar',
    progress: 'Comprobando… {{finished}} de {{total}} listas',
    nothingFailed: 'No falló nada.',
    failed_one: 'Falló {{count}} comprobación: abajo verás qué hacer.',
    failed_many: 'Fallaron {{count}} comprobaciones: abajo verás qué hacer.',
    failed_other: 'Fallaron {{count}} comprobaciones: abajo verás qué hacer.',
    checks: 'Comprobaciones',
    checking: 'comprobando',
    checkingLong: 'Comprobando…',
    statusOk: 'Correcto',
    statusWarn: 'Advertencia',
    statusFail: 'Falló',
    statusSkipped: 'Omitida',
    titleStatus: '{{title}}: {{status}}',
    steps: 'Pasos',
    whatToDo: 'Qué hacer:',
    details: 'Detalles',
    done: 'Listo',
    titleInterfaces: 'Interfaces de red',
    titleMulticast: 'El multicast vuelve',
    titleMdnsPort: 'Puerto mDNS 5353',
    titleFirewall: 'Cortafuegos',
    titleVpn: 'VPN y adaptadores virtuales',
    titleRoom: 'Sala',
  },
}

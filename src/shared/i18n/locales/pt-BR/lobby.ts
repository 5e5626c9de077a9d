import type { Catalogue } from '../en'

/**
 * The lobby: rooms nearby, hosting, joining by address, sharing, the doctor, network preferences,
 * certificates and verification codes, the guest join page.
 */
export const lobby: Catalogue = {
  lobby: {
    heading: 'Saguão',
    youAre: 'Você é {{name}}',
    settings: 'Configurações',
    suggestedRoom: 'Sala de {{name}}',
    doctorTitle: 'Diagnóstico de rede',
  },
  roomList: {
    heading: 'Salas por perto',
    lookingForMore: 'Procurando mais…',
    hostedBy: 'Anfitrião: {{name}}',
    hostedByPeople_one: 'Anfitrião: {{name}} · {{count}} pessoa',
    hostedByPeople_many: 'Anfitrião: {{name}} · {{count}} pessoas',
    hostedByPeople_other: 'Anfitrião: {{name}} · {{count}} pessoas',
    needsPassphrase: 'Exige uma frase secreta',
    needsPassphraseHidden: '(exige uma frase secreta)',
    yours: 'Sua',
    trustVerified: 'Verificada: o certificado em que você já confiou',
    trustUnverified: 'Ainda não verificada: compare o código com o anfitrião',
    trustChanged: 'O certificado mudou desde a última vez que você entrou',
    trustDowngraded: 'Estava criptografada quando você entrou antes, agora não está',
    trustPlain: 'Sem criptografia',
    trustVerifiedHidden: '(Verificada: o certificado em que você já confiou)',
    badgeChanged: 'Certificado mudou',
    badgeDowngraded: 'Não está mais criptografada',
    badgePlain: 'Sem criptografia',
    foundByScan: 'Encontrada na busca',
    foundByScanTitle:
      'Não anunciada na rede: encontrada quando você fez uma busca completa ou acompanhou o endereço dela',
    conflicting: 'Certificados conflitantes',
    mismatch:
      'Esta sala é anunciada com mais de um certificado: outra pessoa pode estar se passando por ela.',
    verificationCode: 'Código de verificação {{code}}',
    incompatible:
      'Esta sala usa a versão {{version}} do protocolo; este app usa a versão {{ours}}. Atualize o app mais antigo.',
    cannotJoin: 'Não é possível entrar nesta sala.',
    join: 'Entrar',
    joinRoom: 'Entrar em {{name}}',
    joining: 'Entrando…',
    joinDialogTitle: 'Entrar em “{{name}}”',
    askPassphrase: 'Esta sala exige uma frase secreta. Peça a {{name}}.',
    wrongPassphrase: 'Frase secreta incorreta',
    typePassphrase: 'Digite a frase secreta que o anfitrião passou para você.',
    lookingForRooms: 'Procurando salas…',
    lookingForRoomsText: 'As salas hospedadas nesta rede aparecem aqui assim que são encontradas.',
    cannotLook: 'Não é possível procurar salas',
    unavailable: 'A busca por salas por perto não está disponível neste computador.',
    unavailableBecause: 'Não é possível procurar salas por perto: {{reason}}',
    stillCanJoin: 'Você ainda pode entrar em uma sala pelo endereço dela.',
    stillLooking: 'Ainda procurando…',
    noRoomYet:
      'Nenhuma sala se anunciou nesta rede ainda. O LAN Room continua ouvindo: uma sala que for aberta aparece aqui na hora.',
    expectingOne:
      'Esperando alguma? A rede pode bloquear as mensagens com que as salas se anunciam: Wi-Fi de convidados, VPNs e alguns firewalls fazem isso. “Busca completa” pergunta a cada endereço próximo; ou peça ao anfitrião o código da sala ou o endereço que aparece na sala dele.',
    macLocalNetwork:
      'No Mac, o LAN Room também precisa de acesso à Rede Local: Ajustes do Sistema → Privacidade e Segurança → Rede Local.',
    enterCode: 'Digitar um código de sala ou endereço',
    checkNetwork: 'Verificar a rede',
  },
  lookHarder: {
    progress: 'Busca completa: {{probed}} de {{total}} endereços consultados',
    progressFound:
      'Busca completa: {{probed}} de {{total}} endereços consultados, {{found}} encontradas',
    cancel: 'Cancelar',
    nothingAnswered_one: 'Nada respondeu em {{count}} endereço.',
    nothingAnswered_many: 'Nada respondeu em {{count}} endereços.',
    nothingAnswered_other: 'Nada respondeu em {{count}} endereços.',
    stopped: 'Busca completa interrompida.',
    button: 'Busca completa',
    hint: 'Pergunta a cada endereço da sua rede, um por um, se há uma sala ali. Leva até um minuto e só acontece quando você pede.',
  },
  hostForm: {
    title: 'Hospedar uma sala',
    intro: 'As pessoas desta rede vão vê-la em Salas por perto.',
    windowsFirewall:
      'O Windows pode perguntar se o LAN Room pode usar sua rede. Escolha Permitir para redes privadas para que outras pessoas possam entrar. Se você escolheu Cancelar, permita o LAN Room em Segurança do Windows → Firewall.',
    nameLabel: 'Nome da sala',
    nameEmpty: 'Dê um nome à sala para que as pessoas possam encontrá-la.',
    passphraseLabel: 'Frase secreta (opcional)',
    passphraseHint:
      'Só entra quem souber por você. Ela nunca sai deste computador; os outros provam que a conhecem.',
    starting: 'Iniciando…',
    submit: 'Hospedar sala',
  },
  joinByAddress: {
    title: 'Entrar pelo endereço',
    hostedBy: 'Anfitrião: {{name}}',
    verificationCode: 'Código de verificação: {{code}}',
    foundNearby:
      'Encontrada por perto: o endereço do código da sala ({{address}}) não responde mais como esta sala.',
    codeVerified: 'Verificada: o certificado desta sala é o que o código de sala {{code}} indica.',
    codeVerifiedReplaces:
      'Verificada: o certificado desta sala é o que o código de sala {{code}} indica; ele substitui o que esta sala tinha quando você entrou antes (código {{pinned}}).',
    downgraded:
      'Esta sala estava criptografada quando você entrou antes (código {{pinned}}) e agora não está. Alguém pode estar se passando por ela: fale com o anfitrião antes de entrar.',
    notEncrypted: 'Esta sala não é criptografada: qualquer pessoa na rede pode lê-la.',
    samePin: 'Verificada: o mesmo certificado de quando você entrou antes.',
    changedPin:
      'Este não é o certificado que esta sala tinha quando você entrou antes (o código era {{pinned}}). Pergunte ao anfitrião qual código a sala dele mostra antes de continuar.',
    compareCode: 'Confira se a sala do anfitrião mostra o mesmo código.',
    back: 'Voltar',
    join: 'Entrar',
    joining: 'Entrando…',
    intro:
      'Funciona mesmo quando a sala não aparece. O anfitrião vê o código da sala e os endereços na sala dele.',
    addressLabel: 'Código da sala ou endereço',
    addressPlaceholder: '{{code}} ou {{address}}',
    addressEmpty:
      'Digite o código da sala ou o endereço que o anfitrião vê na sala dele, como {{address}}.',
    looking: 'Procurando…',
    continue: 'Continuar',
    findOutWhy: 'Descobrir o motivo',
  },
  joinRefusal: {
    wrongPassphrase: 'Frase secreta incorreta',
    typePassphrase: 'Digite a frase secreta que o anfitrião passou para você.',
  },
  retry: {
    seconds: '{{seconds}} s',
    minutes: '{{minutes}} min',
    minutesSeconds: '{{minutes}} min {{seconds}} s',
    wait: 'Muitas frases secretas incorretas deste computador. Tente de novo em {{wait}}.',
    now: 'Muitas frases secretas incorretas. Você já pode tentar de novo.',
  },
  shareAddresses: {
    copy: 'Copiar',
    heading: 'Convidar pessoas',
    roomCode: 'Código da sala',
    roomCodeSpelled: 'Código da sala {{code}}',
    copyRoomCode: 'Copiar o código da sala',
    roomCodeHint:
      'Leia em voz alta ou envie: digitado em Entrar pelo endereço, ele encontra esta sala e confere o certificado dela, então ninguém precisa comparar códigos.',
    otherCodes: 'Códigos para as outras redes deste computador',
    copyCodeFor: 'Copiar o código da sala para {{address}}',
    fromBrowser: 'Entrar pelo navegador',
    qrAlt: 'Código QR do link para entrar pelo navegador',
    copyLink: 'Copiar o link para entrar pelo navegador',
    scanHint:
      'Escaneie com a câmera de um celular ou abra o link em um navegador nesta rede. A página mostra o código da sala: ele deve ser {{code}}.',
    typeHint:
      'As pessoas desta rede encontram a sala em Salas por perto. Se ela não aparecer para elas, podem entrar digitando:',
    copyAddress: 'Copiar {{address}}',
    noAddress:
      'Este computador não tem nenhum endereço de rede que outros alcancem: só quem usa este computador pode entrar.',
    copied: '{{text}} copiado',
  },
  certificateWarning: {
    thisRoom: 'Esta sala',
    quotedName: '“{{name}}”',
    titleDowngraded: 'A sala não está mais criptografada',
    titleChanged: 'O certificado da sala mudou',
    downgraded:
      '{{name}} estava criptografada quando você entrou antes e agora não está, por isso o LAN Room não se conectou.',
    changed:
      '{{name}} não apresenta o certificado que tinha quando você entrou antes, por isso o LAN Room não se conectou.',
    codeTrusted: 'Código em que você confiou',
    codeNow: 'Código mostrado agora',
    downgradedAdvice:
      'Alguém na rede pode estar se passando pela sala para ler o que você envia. Pergunte ao anfitrião, pessoalmente ou por telefone, se ele desativou a criptografia, e não entre até ele confirmar.',
    changedAdvice:
      'O anfitrião pode ter reinstalado o LAN Room ou trocado de computador. Mas também pode ser alguém na rede se passando pela sala. Pergunte ao anfitrião qual código a sala dele mostra — pessoalmente ou por telefone, não por chat — e só confie se for {{code}}.',
    dontJoin: 'Não entrar',
    joining: 'Entrando…',
    trust: 'Confiar no novo certificado',
  },
  verificationCode: {
    spelled: 'Código de verificação {{code}}',
    notEncrypted: 'sem criptografia',
  },
  guestJoin: {
    title: 'Entrar nesta sala',
    hostedBy: 'Anfitrião: {{name}}',
    codeInLink: 'Código no seu link',
    none: 'nenhum',
    codeShown: 'Código que esta sala mostra',
    notEncrypted: 'Esta sala não é criptografada: qualquer pessoa na rede pode lê-la.',
    mismatch:
      'Os códigos são diferentes: esta não é a sala para a qual seu link foi criado, ou o certificado dela mudou desde então. Peça o código QR ao anfitrião de novo antes de entrar.',
    match: 'Os códigos coincidem: esta é a sala cujo link ou código QR você abriu.',
    compareCode: 'Confira se a sala do anfitrião mostra o mesmo código antes de entrar.',
    join: 'Entrar',
    joining: 'Entrando…',
    tryAgain: 'Tentar de novo',
    looking: 'Consultando a sala…',
    warningTitle: 'Sobre o aviso do navegador',
    warningText:
      'Antes de esta página abrir, seu navegador provavelmente disse que a conexão “não é particular” ou “não é segura”. Isso é esperado aqui: a sala criptografa tudo, mas com um certificado criado por ela mesma, que nenhuma empresa assinou, então o navegador não pode garantir por ele.',
    codeText:
      'O que mostra que esta é a sala certa é o código. Se o código do seu link for igual ao que aparece na tela do anfitrião, você está falando com a sala dele. As outras pessoas da sala veem você marcado como convidado.',
  },
  networkPreferences: {
    legend: 'Rede',
    automatic: 'Escolher as interfaces de rede automaticamente',
    automaticHint:
      'As salas são anunciadas e procuradas em todas as redes privadas em que este computador está, exceto VPNs e adaptadores virtuais. Desative para escolher.',
    interfaces: 'Interfaces de rede',
    noAddress: 'sem endereço IPv4',
    vpn: 'VPN',
    virtual: 'adaptador virtual',
    notPrivate: 'não é uma rede privada',
    down: 'desconectada',
    watched: 'Endereços acompanhados',
    watchedHint:
      'As salas nestes endereços aparecem mesmo quando a rede esconde os anúncios delas: elas são consultadas a cada meio minuto. Só endereços privados; uma sub-rede de até /22.',
    stopWatching: 'Parar de acompanhar {{target}}',
    remove: 'Remover',
    watchLabel: 'Endereço ou sub-rede para acompanhar',
    watchPlaceholder: '{{address}} ou {{subnet}}',
    watch: 'Acompanhar',
    watchEmpty: 'Digite um endereço ({{address}}) ou uma sub-rede ({{subnet}}).',
    ports: 'Outras portas para procurar',
    portsPlaceholder: 'por exemplo, {{ports}}',
    portsHint:
      'A busca completa e os endereços acompanhados sempre consultam a porta {{port}}; adicione as portas de salas hospedadas em outras.',
    portsInvalid: 'As portas são números inteiros de 1 a 65535, separados por vírgulas.',
  },
  doctor: {
    late: 'não terminou dentro dos {{seconds}} s da execução',
    lateFix: 'Execute o diagnóstico de novo com um --timeout maior.',
    crashed: 'a própria verificação falhou: {{reason}}',
    crashedFix: 'Isto é um bug do LAN Room; informe-o junto com este relatório.',
    interfacesOffline:
      'nenhuma interface de rede ativa tem endereço IPv4: este computador não está em nenhuma rede',
    interfacesOfflineFix: 'Conecte-se a um Wi-Fi ou ligue um cabo.',
    interfacesNoneUsed: 'nenhuma das interfaces ativas ({{names}}) é usada para salas',
    interfacesNoneUsedFix:
      'Se as pessoas que você quer encontrar estão em uma dessas redes (uma rede com endereços públicos ou uma VPN em que todos estejam), escolha-a em Configurações › Rede › Interfaces de rede, ou na linha de comando com lanroom host --interface NOME.',
    interfacesLinkLocal:
      'as salas usam {{names}}, que só tem um endereço autoatribuído (169.254.x.x): a rede não forneceu nenhum',
    interfacesLinkLocalFix:
      'O DHCP do roteador não respondeu: reconecte-se à rede ou reinicie o roteador. As salas ainda funcionam com quem estiver no mesmo cabo ou switch.',
    interfacesOk: 'as salas são anunciadas e procuradas em {{names}}',
    multicastNoInterface:
      'nenhuma interface para enviar multicast: nenhuma interface é usada para salas (veja a verificação de interfaces)',
    multicastNoInterfaceFix:
      'Conecte-se a uma rede (Wi-Fi ou cabo) ou escolha interfaces em Configurações › Rede › Interfaces de rede (linha de comando: lanroom host --interface NOME).',
    multicastCannotListen:
      'não é possível escutar na porta UDP {{port}} para ouvir a volta ({{reason}})',
    multicastCannotListenFix:
      'Veja a verificação da porta mDNS: outro programa reserva a porta só para si.',
    multicastOk: 'nossa consulta mDNS voltou por {{names}}',
    multicastOkOthers_one:
      'nossa consulta mDNS voltou por {{names}}, e {{count}} outro dispositivo foi ouvido',
    multicastOkOthers_many:
      'nossa consulta mDNS voltou por {{names}}, e {{count}} outros dispositivos foram ouvidos',
    multicastOkOthers_other:
      'nossa consulta mDNS voltou por {{names}}, e {{count}} outros dispositivos foram ouvidos',
    multicastLost:
      'nossa própria consulta mDNS não voltou por {{names}}: daqui não é possível encontrar salas nem ser visto',
    multicastPartly: 'nossa consulta mDNS voltou por {{names}}, mas não por {{lost}}',
    multicastMacPermissionFix:
      'O macOS impede este app de acessar a rede local: abra Ajustes do Sistema › Privacidade e Segurança › Rede Local e ative o LAN Room (para `lanroom`, o app de terminal em que você o executa).',
    multicastSendRefusedFix:
      'Um firewall neste computador recusa o envio de multicast (mDNS, porta UDP 5353 para 224.0.0.251): permita-o ou entre nas salas pelo endereço ou código da sala.',
    multicastCannotSendFix:
      'Esta interface não consegue enviar multicast; ainda é possível entrar nas salas pelo endereço ou código da sala.',
    multicastDroppedFix:
      'Um firewall neste computador descarta o mDNS de entrada (porta UDP 5353, multicast 224.0.0.251): permita-o (Linux: procure uma regra drop em `sudo nft list ruleset`; Windows: permita o LAN Room em redes privadas). Até lá, entre nas salas pelo endereço ou código da sala.',
    mdnsFree: 'livre: nenhum outro serviço mDNS escuta na porta UDP {{port}}',
    mdnsForbidden:
      'este programa não tem permissão para escutar na porta UDP {{port}} ({{reason}})',
    mdnsForbiddenFix:
      'Um software de segurança ou uma política impede o app de usar a porta mDNS: permita o LAN Room.',
    mdnsOwnOnly:
      'usada só pela descoberta do próprio LAN Room, compartilhada com qualquer outro serviço: normal',
    mdnsSharedOwnLinux:
      'compartilhada com outro serviço mDNS{{who}}. A descoberta do próprio LAN Room é um deles. No Linux costuma ser o avahi-daemon (ou o systemd-resolved): é normal, e o LAN Room compartilha a porta com ele (SO_REUSEADDR); ambos ouvem todas as mensagens mDNS.',
    mdnsSharedOwnMac:
      'compartilhada com outro serviço mDNS{{who}}. A descoberta do próprio LAN Room é um deles. No macOS é o mDNSResponder, sempre presente: é normal, e o LAN Room compartilha a porta.',
    mdnsSharedOwnWindows:
      'compartilhada com outro serviço mDNS{{who}}. A descoberta do próprio LAN Room é um deles. No Windows costuma ser o mDNS do próprio Windows (o serviço Cliente DNS) ou o Bonjour: é normal, e o LAN Room compartilha a porta.',
    mdnsSharedOwnOther:
      'compartilhada com outro serviço mDNS{{who}}. A descoberta do próprio LAN Room é um deles. É normal: o LAN Room compartilha a porta.',
    mdnsHeld:
      'outro programa reserva a porta UDP {{port}} só para si{{who}}: o LAN Room não consegue ouvir mDNS ({{reason}})',
    mdnsHeldFix:
      'Encerre ou configure esse programa para compartilhar a porta (a maioria dos serviços mDNS faz isso), ou entre nas salas pelo endereço ou código da sala.',
    firewallDropsMdnsIn:
      '{{source}}: uma regra descarta o mDNS de entrada (UDP {{port}}): {{rule}}',
    firewallDropsMdnsOut: '{{source}}: uma regra descarta o mDNS de saída (UDP {{port}}): {{rule}}',
    firewallDropsHosted:
      '{{source}}: uma regra descarta conexões a salas hospedadas aqui na TCP {{port}}: {{rule}}',
    firewallDropsRooms:
      '{{source}}: uma regra descarta conexões a salas na porta TCP {{port}}: {{rule}}',
    firewallMayDrop_one:
      '{{source}}: {{count}} regra pode descartar o tráfego do LAN Room, dependendo da interface ou da origem',
    firewallMayDrop_many:
      '{{source}}: {{count}} regras podem descartar o tráfego do LAN Room, dependendo da interface ou da origem',
    firewallMayDrop_other:
      '{{source}}: {{count}} regras podem descartar o tráfego do LAN Room, dependendo da interface ou da origem',
    firewallOk: '{{source}}: nenhuma regra descarta mDNS nem a porta TCP {{ports}}',
    firewallLinuxFix:
      'Permita as portas do LAN Room no firewall: UDP 5353 (mDNS) de entrada e saída, e a porta TCP da sala (47800 por padrão) — por exemplo `sudo ufw allow 5353/udp` e `sudo ufw allow 47800/tcp` —, ou remova a regra mostrada.',
    firewallUnreadable:
      'não foi possível ler as regras do firewall ({{reason}}): é preciso ser root. Se nenhuma sala for encontrada, confira com `sudo nft list ruleset` se UDP 5353 e TCP 47800 não são descartadas.',
    firewallWinBlocked: 'uma regra do Firewall do Windows bloqueia o LAN Room: {{rules}}',
    firewallWinBlockedFix:
      'Abra Segurança do Windows › Firewall e proteção de rede › Permitir um aplicativo pelo firewall e permita o LAN Room em redes privadas (ou exclua a regra que o bloqueia).',
    firewallWinPublic:
      'O Windows trata {{networks}} como uma rede pública, onde o LAN Room não é permitido: ninguém consegue entrar em uma sala que você hospeda, e a descoberta pode estar bloqueada',
    firewallWinPublicFix:
      'Em uma rede confiável, torne-a privada: Configurações › Rede e Internet › (sua rede) › Tipo de perfil de rede › Rede privada. Depois permita o LAN Room quando o Windows perguntar.',
    firewallWinNotAllowed:
      'ainda nenhuma regra de firewall permite que o LAN Room aceite conexões em redes {{profiles}}',
    firewallWinNotAllowedFix:
      'O Windows pergunta na primeira vez que você hospeda uma sala: responda Permitir (em redes privadas).',
    firewallWinOff: 'o firewall está desativado para as redes em uso',
    firewallWinAllowed: 'o LAN Room é permitido em redes {{profiles}}',
    firewallWinUnreadable: 'não foi possível ler o Firewall do Windows: {{reason}}',
    firewallMacBlockAll:
      'o firewall do macOS bloqueia todas as conexões de entrada: ninguém consegue entrar em uma sala que você hospeda',
    firewallMacBlockAllFix:
      'Ajustes do Sistema › Rede › Firewall › Opções: desative “Bloquear todas as conexões de entrada”.',
    firewallMacAppBlocked: 'o firewall do macOS bloqueia conexões de entrada para o LAN Room',
    firewallMacAppBlockedFix:
      'Ajustes do Sistema › Rede › Firewall › Opções: defina o LAN Room como “Permitir conexões de entrada”.',
    firewallMacOn:
      'o firewall do macOS está ativado e não bloqueia o LAN Room. Outro programa não consegue ler a permissão de rede local: se a verificação de multicast falhar com “No route to host”, ative o LAN Room em Ajustes do Sistema › Privacidade e Segurança › Rede Local.',
    firewallMacOff:
      'o firewall do macOS está desativado. Outro programa não consegue ler a permissão de rede local: se a verificação de multicast falhar com “No route to host”, ative o LAN Room em Ajustes do Sistema › Privacidade e Segurança › Rede Local.',
    firewallMacUnreadable: 'não foi possível ler o firewall do macOS: {{reason}}',
    roomFixRefused:
      'Nada escuta nessa porta, ou um firewall recusa a conexão: verifique se a sala ainda está aberta, se o endereço e a porta são os que o app do anfitrião mostra, e a verificação de firewall.',
    roomFixDropped:
      'Os pacotes para a sala se perdem no caminho: o firewall do anfitrião (no Windows, permita o LAN Room em redes privadas e torne a rede privada), o isolamento de clientes Wi-Fi (redes de convidados) ou uma VPN. Veja as verificações de firewall e VPN; tente por cabo ou na mesma rede Wi-Fi.',
    roomFixUnreachable:
      'Este computador não tem rota para esse endereço: confira se os dois estão na mesma rede; uma VPN pode estar capturando o tráfego (veja a verificação de VPN).',
    roomFixNotTls:
      'Algo responde nessa porta, mas não como um LAN Room: verifique a porta (o app do anfitrião a mostra).',
    roomFixNotRoom:
      'Algo responde nessa porta, mas não como um LAN Room desta versão: verifique o endereço e se os dois lados usam a mesma versão do LAN Room.',
    roomFixCertificate:
      'Compare o código de verificação com o que o app do anfitrião mostra. Se o anfitrião reinstalou o LAN Room, entre uma vez e confie no novo código depois de conferi-lo com ele; caso contrário, não entre: alguém pode estar se passando pela sala.',
    roomFixRoomCode:
      'Esta não é a sala que o código indica: outra pessoa pode estar nesse endereço, ou o endereço do anfitrião mudou (`lanroom join CODE` então procura a sala por perto pelo certificado). Peça ao anfitrião o código de sala que a sala dele mostra agora.',
    roomFixWebsocket:
      'A sala responde a pedidos da web, mas recusa a conexão do chat: um software de segurança ou um proxy entre vocês pode estar bloqueando WebSockets, ou a sala está cheia ou sendo fechada. Peça ao anfitrião para reiniciar a sala.',
    roomFixHello:
      'A sala não respondeu à saudação: ela pode estar sobrecarregada ou sendo fechada. Tente novamente ou peça ao anfitrião para reiniciar a sala.',
    roomFixTyped: 'Confira o que você digitou.',
    roomFixUnexpected: 'Tente novamente; se continuar, informe o problema.',
    roomFixResolveName:
      'Confira a grafia ou use o endereço IP do anfitrião (o app dele o mostra em Compartilhar).',
    roomFixResolveCode:
      'Compare o código com o que o app do anfitrião mostra: um caractere pode ter sido digitado errado.',
    firewallUnsupported: 'não é possível ler o firewall em {{platform}}',
    vpnCaptured:
      'o tráfego para sua rede local {{network}} sai por {{via}}, não por {{iface}}: uma VPN o captura, então ninguém por perto pode ser alcançado',
    vpnCapturedFix:
      'Ative a opção “permitir acesso à rede local” da sua VPN (ou “compartilhamento de LAN”, “túnel dividido”), ou desconecte a VPN enquanto usa o LAN Room.',
    vpnDefault:
      'a rota padrão passa por {{via}}, uma VPN: a rede local continua sendo alcançada diretamente',
    vpnDefaultFix:
      'Normalmente tudo bem. Se nenhuma sala for encontrada, a VPN pode estar bloqueando também o multicast local: permita o acesso à rede local nas configurações dela, ou desconecte-a enquanto usa o LAN Room.',
    vpnOk: 'nenhuma VPN captura o tráfego (rota padrão: {{via}})',
    vpnOkAdapters:
      'nenhuma VPN captura o tráfego (rota padrão: {{via}}); adaptadores virtuais ativos: {{adapters}} (não usados para salas, a menos que escolhidos)',
    vpnOkUnreadable: 'não foi possível ler a rota padrão',
    vpnOkUnreadableAdapters:
      'não foi possível ler a rota padrão; adaptadores virtuais ativos: {{adapters}} (não usados para salas, a menos que escolhidos)',
    roomNoTarget:
      'nenhuma sala, código ou endereço informado: indique um para ver cada etapa até ele',
    roomStepFailed: '{{step}} falhou: {{reason}}',
    roomWarned: 'é possível entrar em {{room}}, mas {{warnings}}',
    roomPlainFix:
      'A sala não é criptografada: outras pessoas na rede podem ler o que é dito. Peça ao anfitrião para iniciá-la sem --no-tls.',
    roomOk: 'é possível entrar em {{room}}: todas as etapas passaram',
  },
  doctorPanel: {
    intro:
      'Verifica o que impede que salas sejam encontradas ou acessadas nesta rede e diz o que fazer.',
    targetLabel: 'Sala, código ou endereço (opcional)',
    targetHint: 'Para ver cada etapa até chegar a uma sala.',
    checkAgain: 'Verificar de novo',
    progress: 'Verificando… {{finished}} de {{total}} concluídas',
    nothingFailed: 'Nada falhou.',
    failed_one: '{{count}} verificação falhou: veja abaixo o que fazer.',
    failed_many: '{{count}} verificações falharam: veja abaixo o que fazer.',
    failed_other: '{{count}} verificações falharam: veja abaixo o que fazer.',
    checks: 'Verificações',
    checking: 'verificando',
    checkingLong: 'Verificando…',
    statusOk: 'OK',
    statusWarn: 'Aviso',
    statusFail: 'Falhou',
    statusSkipped: 'Ignorada',
    titleStatus: '{{title}}: {{status}}',
    steps: 'Etapas',
    whatToDo: 'O que fazer:',
    details: 'Detalhes',
    done: 'Concluir',
    titleInterfaces: 'Interfaces de rede',
    titleMulticast: 'O multicast volta',
    titleMdnsPort: 'Porta mDNS 5353',
    titleFirewall: 'Firewall',
    titleVpn: 'VPNs e adaptadores virtuais',
    titleRoom: 'Sala',
  },
}

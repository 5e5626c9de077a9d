import type { Catalogue } from '../en'

/**
 * Outside the page and across it: the language setting, error sentences by code (errors),
 * notifications, the tray menu, main process dialogs, the updater.
 */
export const platform: Catalogue = {
  appearance: {
    heading: 'Aparência',
    theme: 'Tema',
    timeFormat: 'Formato de hora',
    system: 'Sistema',
    systemThemeHint: 'conforme a configuração do seu computador',
    light: 'Claro',
    dark: 'Escuro',
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
    open: 'Abrir o LAN Room',
    quit: 'Sair do LAN Room',
    mute: 'Silenciar esta sala',
    unmute: 'Reativar o som desta sala',
    stopHosting: 'Encerrar a sala',
    roomUnread_one: '{{room}} ({{unread}} não lida)',
    roomUnread_many: '{{room}} ({{unread}} não lidas)',
    roomUnread_other: '{{room}} ({{unread}} não lidas)',
    tooltipHosting: 'LAN Room: hospedando {{room}}',
    tooltipJoined: 'LAN Room: em {{room}}',
    tooltipUnread_one: '{{status}} ({{unread}} não lida)',
    tooltipUnread_many: '{{status}} ({{unread}} não lidas)',
    tooltipUnread_other: '{{status}} ({{unread}} não lidas)',
    tooltipMuted: '{{status}}, silenciada',
  },
  notifications: {
    messageIn: '{{name}} em {{room}}',
    mention: '{{name}} mencionou você',
    mentionIn: '{{name}} mencionou você em {{room}}',
    mentions_one: '{{count}} menção a você',
    mentions_many: '{{count}} de menções a você',
    mentions_other: '{{count}} menções a você',
    mentionsIn_one: '{{count}} menção a você em {{room}}',
    mentionsIn_many: '{{count}} de menções a você em {{room}}',
    mentionsIn_other: '{{count}} menções a você em {{room}}',
    newMessages_one: '{{count}} mensagem nova de {{from}}',
    newMessages_many: '{{count}} de mensagens novas de {{from}}',
    newMessages_other: '{{count}} mensagens novas de {{from}}',
    newMessagesIn_one: '{{count}} mensagem nova de {{from}} em {{room}}',
    newMessagesIn_many: '{{count}} de mensagens novas de {{from}} em {{room}}',
    newMessagesIn_other: '{{count}} mensagens novas de {{from}} em {{room}}',
    twoSenders: '{{name}} e {{other}}',
    manySenders_one: '{{name}} e mais {{count}} pessoa',
    manySenders_many: '{{name}} e mais {{count}} de pessoas',
    manySenders_other: '{{name}} e mais {{count}} pessoas',
    quote: '{{name}}: {{text}}',
    hidden: 'Nova mensagem de {{name}}',
  },
  dialogs: {
    stillRunningTitle: 'O LAN Room continua aberto',
    stillRunningHostingTray:
      'Sua sala {{room}} continua aberta. O LAN Room continua rodando na bandeja do sistema: abra-o por lá ou escolha Sair lá para sair.',
    stillRunningJoinedTray:
      'Você ainda está em {{room}}. O LAN Room continua rodando na bandeja do sistema: abra-o por lá ou escolha Sair lá para sair.',
    stillRunningHostingMenuBar:
      'Sua sala {{room}} continua aberta. O LAN Room continua rodando na barra de menus: abra-o por lá ou escolha Sair lá para sair.',
    stillRunningJoinedMenuBar:
      'Você ainda está em {{room}}. O LAN Room continua rodando na barra de menus: abra-o por lá ou escolha Sair lá para sair.',
    couldNotStart: 'Não foi possível iniciar o LAN Room',
    windowCannotShow: 'Não é possível mostrar a janela: {{error}}',
    identityAdvice:
      'O LAN Room guarda a chave, o certificado e as configurações em {{dir}}. Se o arquivo identity.pem estiver danificado, mova-o para outro lugar: o LAN Room cria um novo, e as outras pessoas verão você como uma pessoa nova.',
  },
  /** The installers' texts that are ours (the Linux desktop entry's Comment). */
  installer: {
    comment: 'Converse com as pessoas da sua rede local',
  },
  contextMenu: {
    cut: 'Recortar',
    copy: 'Copiar',
    paste: 'Colar',
    selectAll: 'Selecionar tudo',
    noSuggestions: 'Nenhuma sugestão',
    addToDictionary: 'Adicionar ao dicionário',
    copyLinkAddress: 'Copiar endereço do link',
  },
  errors: {
    APP_ERR_ALREADY_SENT: 'Esse arquivo já foi enviado. Apague a mensagem para retirá-lo.',
    APP_ERR_BAD_ADDRESS:
      'Isso não é um endereço. Digite-o como host:porta, por exemplo 192.168.1.20:47800.',
    APP_ERR_BAD_CODE:
      'Esse código de sala não é válido. Compare-o com o código que o anfitrião vê na sala dele.',
    APP_ERR_BUSY: 'Você já está em uma sala. Saia dela (ou encerre a sua) primeiro.',
    APP_ERR_CERTIFICATE_CHANGED:
      'O certificado da sala mudou desde a sua última visita. Compare o código de verificação com o anfitrião antes de confiar nele.',
    APP_ERR_CERTIFICATE_DOWNGRADED:
      'A sala era criptografada e agora não é mais. Pergunte ao anfitrião o que mudou antes de entrar.',
    APP_ERR_CERTIFICATE_UNEXPECTED:
      'A sala apresentou um certificado diferente do que você confirmou. Confira o código de verificação com o anfitrião.',
    APP_ERR_CODE_MISMATCH:
      'A sala nesse endereço não corresponde ao código de sala. Confira o código com o anfitrião.',
    APP_ERR_CONNECT:
      'Não foi possível entrar na sala. Verifique se ela ainda está aberta e tente de novo.',
    APP_ERR_EXECUTABLE: 'Esse arquivo é um programa. Confirme que confia nele antes de abri-lo.',
    APP_ERR_FILES_UNAVAILABLE: 'Esta sala não aceita arquivos.',
    APP_ERR_FILE_EXPIRED:
      'A sala não tem mais esse arquivo. Peça a quem enviou que o envie de novo.',
    APP_ERR_FILE_TOO_LARGE: 'Esse arquivo é maior do que a sala aceita. Compartilhe um menor.',
    APP_ERR_FILE_UNREADABLE:
      'Não foi possível ler esse arquivo. Verifique se ele ainda existe e se você pode abri-lo.',
    APP_ERR_INCOMPATIBLE:
      'Esta sala usa uma versão do LAN Room que não se comunica com a sua. Atualize um dos dois aplicativos.',
    APP_ERR_INVALID: 'A sala recusou o pedido por ser inválido.',
    APP_ERR_NOTHING_TO_TRUST: 'Essa sala não tem nenhum certificado alterado em que confiar.',
    APP_ERR_NOT_AN_IMAGE: 'Esse arquivo não pode ser mostrado como imagem. Baixe-o para abri-lo.',
    APP_ERR_NOT_AUTHOR: 'Você só pode alterar as suas próprias mensagens.',
    APP_ERR_NOT_A_FILE: 'Essa mensagem não tem arquivo.',
    APP_ERR_NOT_CONNECTED:
      'Você não está conectado à sala agora. Aguarde a conexão voltar e tente de novo.',
    APP_ERR_NOT_DOWNLOADED: 'Esse arquivo não foi baixado. Baixe-o de novo.',
    APP_ERR_NOT_FOUND: 'Essa mensagem não está mais na sala.',
    APP_ERR_NOT_HOSTING: 'Você não está hospedando nenhuma sala.',
    APP_ERR_NOT_IN_BROWSER:
      'Isso ainda não está disponível no navegador. Use o aplicativo LAN Room.',
    APP_ERR_NOT_IN_ROOM: 'Você não está em nenhuma sala.',
    APP_ERR_OPEN_FAILED: 'Não foi possível abrir o arquivo. Abra-o pela pasta dele.',
    APP_ERR_PASSPHRASE_REQUIRED: 'Esta sala pede uma frase secreta. Peça-a ao anfitrião.',
    APP_ERR_RATE_LIMITED: 'Pedidos demais para a sala. Aguarde um momento e tente de novo.',
    APP_ERR_REQUEST_FAILED: 'A sala não conseguiu atender ao pedido. Tente de novo.',
    APP_ERR_ROOM_GONE: 'Essa sala não está mais por perto. Tente entrar pelo endereço.',
    APP_ERR_TIMEOUT: 'A sala não respondeu a tempo. Tente de novo.',
    APP_ERR_TOO_MANY_ATTEMPTS:
      'Frases secretas erradas demais. Aguarde um pouco antes de tentar de novo.',
    APP_ERR_TOO_MANY_FILES: 'Arquivos demais de uma vez. Envie menos por vez.',
    APP_ERR_TOO_MANY_NOTICES: 'Alguns avisos foram omitidos porque chegaram muitos de uma vez.',
    APP_ERR_UNKNOWN_STAGED: 'Esse arquivo não está mais pronto para envio. Adicione-o de novo.',
    APP_ERR_UNKNOWN_TRANSFER: 'Essa transferência não existe mais.',
    APP_ERR_UNREACHABLE:
      'Não foi possível alcançar a sala. Verifique se você está na mesma rede que o anfitrião.',
    APP_ERR_UNSUPPORTED: 'O anfitrião desta sala usa uma versão do LAN Room que não permite isso.',
    APP_ERR_UPLOAD_FAILED: 'O envio falhou. Tente enviar o arquivo de novo.',
    APP_ERR_WRONG_PASSPHRASE: 'Essa não é a frase secreta da sala. Confira-a com o anfitrião.',
    BRIDGE_ERR_HANDLER_FAILED:
      'Algo deu errado no LAN Room. Tente de novo; os detalhes estão no registro.',
    BRIDGE_ERR_INVALID_ARGS: 'O LAN Room não entendeu esse pedido. Tente de novo.',
    BRIDGE_ERR_INVALID_PAYLOAD:
      'Uma atualização era grande demais para ser mostrada e foi omitida.',
    BRIDGE_ERR_INVALID_RESULT:
      'O LAN Room deu uma resposta inesperada. Tente de novo; os detalhes estão no registro.',
    BRIDGE_ERR_UNAVAILABLE:
      'O LAN Room não está pronto ou está fechando. Tente de novo em um instante.',
    BRIDGE_ERR_UNTRUSTED_SENDER: 'O pedido não veio da janela do LAN Room e foi recusado.',
    HUB_ERR_BAD_OPTIONS:
      'As configurações da sala não são válidas. Confira o nome e a frase secreta.',
    HUB_ERR_GUEST_APP:
      'A página para convidados no navegador está faltando, então a sala não pode receber convidados.',
    HUB_ERR_LISTEN:
      'A sala não conseguiu abrir a porta de rede. Verifique o firewall e tente de novo.',
    HUB_ERR_PORT_IN_USE:
      'A porta da sala já está em uso. Feche o outro programa ou escolha outra porta.',
    HUB_ERR_ROOM_IN_USE:
      'Esta sala já está aberta neste computador, com os mesmos dados (em outro LAN Room ou no lanroom host). Feche-a lá primeiro.',
    HUB_ERR_STORE_FAILED:
      'Sua sala parou: o histórico não pôde ser salvo neste computador. Verifique se o disco tem espaço livre e permite gravação e hospede a sala de novo; as mensagens não confirmadas ficaram com quem as enviou.',
    HUB_ERR_START: 'Não foi possível abrir a sala. Os detalhes estão no registro.',
    SCAN_ERR_NOT_AN_ADDRESS:
      'Isso não é um endereço. Digite um endereço IPv4 ou uma sub-rede como 192.168.1.0/24.',
    SCAN_ERR_NOT_PRIVATE: 'Só é possível observar endereços de uma rede local.',
    SCAN_ERR_TOO_WIDE: 'Essa sub-rede é ampla demais. Observe no máximo uma /22 (1.024 endereços).',
    UPDATE_ERR_DOWNLOAD: 'Não foi possível baixar a atualização. Ela será tentada de novo.',
    UPDATE_ERR_FAILED: 'A busca por atualizações falhou.',
    UPDATE_ERR_FEED:
      'O canal de versões não tem nenhuma atualização utilizável agora. Ele será verificado mais tarde.',
    UPDATE_ERR_HOSTING: 'Reiniciar encerraria a sua sala para todos. Confirme isso primeiro.',
    UPDATE_ERR_NOT_READY: 'Nenhuma atualização está pronta para instalar.',
    UPDATE_ERR_OFFLINE:
      'Não foi possível acessar o GitHub para buscar atualizações. Verifique a conexão.',
    UPDATE_ERR_SIGNATURE:
      'A atualização não está assinada pelo editor do LAN Room, então não foi instalada.',
    UPDATE_ERR_UNAVAILABLE: 'Esta cópia do LAN Room não se atualiza sozinha.',
    CHAT_ERR_INVALID_MESSAGE: 'A sala não aceitou esta mensagem como válida.',
    CHAT_ERR_UNKNOWN_TARGET: 'A mensagem que ela responde não está mais na sala.',
    CHAT_ERR_UNKNOWN_UPLOAD:
      'A sala não tem o arquivo que esta mensagem compartilha. Envie o arquivo novamente.',
    CHAT_ERR_FILE_MISMATCH:
      'O arquivo que esta mensagem compartilha não é o que foi enviado. Envie o arquivo novamente.',
    CONN_ERR_INVALID: 'Esta mensagem é longa demais para a sala ou não é válida.',
    CONN_ERR_UNSUPPORTED:
      'O anfitrião desta sala usa uma versão do LAN Room que não aceita esta mensagem.',
    ROOM_INFO_PROGRESS_one: 'Carregando mensagens anteriores… {{count, number}} mensagem até agora',
    ROOM_INFO_PROGRESS_many:
      'Carregando mensagens anteriores… {{count, number}} de mensagens até agora',
    ROOM_INFO_PROGRESS_other:
      'Carregando mensagens anteriores… {{count, number}} mensagens até agora',
    ROOM_ERR_OP_FAILED: '{{op}}.',
    ROOM_ERR_OP_NOT_AUTHOR: '{{op}}: só quem a escreveu pode fazer isso.',
    ROOM_ERR_OP_UNKNOWN_TARGET: '{{op}}: a mensagem não está mais na sala.',
    ROOM_ERR_OP_TOO_MANY_REACTIONS: '{{op}}: a mensagem já tem todas as reações que comporta.',
    ROOM_ERR_OP_CLOSED: '{{op}}: a conexão com a sala foi encerrada.',
    ROOM_ERR_OP_UNSUPPORTED:
      '{{op}}: o anfitrião desta sala usa uma versão do LAN Room que não permite isso.',
    ROOM_ERR_OP_INVALID: '{{op}}: é longo demais para a sala ou não é válido.',
    ROOM_ERR_OP_REFUSED: '{{op}}: a sala recusou.',
    ROOM_ERR_HUB_INVALID_JSON:
      'A sala não conseguiu ler uma mensagem do LAN Room. Se isso se repetir, saia da sala e entre de novo.',
    ROOM_ERR_HUB_INVALID_MESSAGE:
      'Uma mensagem entre o LAN Room e a sala não era válida. Se isso se repetir, saia da sala e entre de novo.',
    ROOM_ERR_HUB_UNKNOWN_TYPE:
      'O anfitrião desta sala usa uma versão do LAN Room que não conhece uma das mensagens deste aplicativo.',
    ROOM_ERR_HUB_HELLO_REQUIRED:
      'A sala recusou uma mensagem enviada antes de você terminar de entrar.',
    ROOM_ERR_HUB_ALREADY_JOINED: 'Segundo a sala, esta conexão já tinha entrado.',
    ROOM_ERR_HUB_RATE_LIMITED:
      'Você está enviando mais rápido do que a sala permite. Aguarde um momento.',
    ROOM_ERR_HUB_BINARY_UNSUPPORTED: 'A sala não aceita esse tipo de mensagem.',
    ROOM_ERR_HUB_ROOM_FULL: 'A sala está cheia. Tente de novo quando alguém sair.',
    ROOM_ERR_HUB_INCOMPATIBLE_VERSION:
      'Esta sala usa uma versão do LAN Room que não se comunica com a sua. Atualize um dos dois aplicativos.',
    ROOM_ERR_HUB_IDENTITY_UNPROVEN:
      'A sala não conseguiu verificar a identidade deste aplicativo. Saia da sala e entre de novo.',
    ROOM_ERR_HUB_PASSPHRASE_REQUIRED: 'Esta sala pede uma frase secreta. Peça-a ao anfitrião.',
    ROOM_ERR_HUB_WRONG_PASSPHRASE: 'Essa não é a frase secreta da sala. Confira-a com o anfitrião.',
    ROOM_ERR_HUB_TOO_MANY_ATTEMPTS:
      'Frases secretas erradas demais. Aguarde um pouco antes de tentar de novo.',
    ROOM_ERR_HUB_NOT_AUTHOR: 'Só quem escreveu essa mensagem pode alterá-la.',
    ROOM_ERR_HUB_UNKNOWN_TARGET: 'Essa mensagem não está mais na sala.',
    ROOM_ERR_HUB_NO_CHANGE: 'Isso não mudaria nada.',
    ROOM_ERR_HUB_TOO_MANY_REACTIONS: 'Essa mensagem já tem todas as reações que comporta.',
    ROOM_ERR_HUB_MENTION_LIMITED_one:
      'Sua mensagem foi enviada sem @room: você poderá avisar todos com @room de novo em {{count}} segundo.',
    ROOM_ERR_HUB_MENTION_LIMITED_many:
      'Sua mensagem foi enviada sem @room: você poderá avisar todos com @room de novo em {{count}} de segundos.',
    ROOM_ERR_HUB_MENTION_LIMITED_other:
      'Sua mensagem foi enviada sem @room: você poderá avisar todos com @room de novo em {{count}} segundos.',
    ROOM_ERR_HUB_UNKNOWN_UPLOAD:
      'A sala não tem o arquivo que esta mensagem compartilha. Envie o arquivo novamente.',
    ROOM_ERR_HUB_FILE_MISMATCH:
      'O arquivo que esta mensagem compartilha não é o que foi enviado. Envie o arquivo novamente.',
    ROOM_ERR_HUB_REQUEST_LIMITED: 'Pedidos demais para a sala. Aguarde um momento e tente de novo.',
    HUB_ERR_CLUSTER:
      'Não é possível servir a sala pelo NATS. Verifique se os servidores NATS estão em execução e acessíveis.',
    FILE_ERR_UNAUTHORIZED:
      'A sala não aceitou o pedido deste arquivo. Saia da sala, entre novamente e tente outra vez.',
    FILE_ERR_FORBIDDEN: 'A sala não permite que você faça isso com este arquivo.',
    FILE_ERR_NOT_FOUND: 'A sala não tem este arquivo.',
    FILE_ERR_EXPIRED: 'A sala não tem mais este arquivo.',
    FILE_ERR_TOO_LARGE: 'Este arquivo é maior do que a sala aceita.',
    FILE_ERR_BUDGET: 'A sala não tem mais espaço para arquivos. Tente novamente mais tarde.',
    FILE_ERR_BUSY: 'A sala está ocupada com outros arquivos. Tente novamente em instantes.',
    FILE_ERR_CHECKSUM: 'O arquivo chegou danificado à sala. Envie-o novamente.',
    FILE_ERR_CORRUPT:
      'O arquivo baixado não corresponde ao que foi compartilhado, então não foi mantido. Tente novamente.',
    FILE_ERR_CANCELLED: 'A transferência foi cancelada.',
    FILE_ERR_NETWORK: 'Não foi possível conectar à sala. Verifique sua conexão e tente novamente.',
    FILE_ERR_IO: 'Não foi possível ler ou salvar o arquivo neste computador.',
    LINK_ERR_TOO_LONG:
      'Não é possível abrir este link. Ele é mais longo do que um link do LAN Room pode ser.',
    LINK_ERR_CHARACTER:
      'Não é possível abrir este link. Ele tem um caractere que nenhum link do LAN Room tem (um espaço, um caractere de controle ou uma letra fora do ASCII).',
    LINK_ERR_SCHEME:
      'Não é possível abrir este link. Este não é um link do LAN Room (lanroom://join/…).',
    LINK_ERR_ENCODED:
      'Não é possível abrir este link. Links do LAN Room nunca contêm caracteres escapados (%).',
    LINK_ERR_QUERY: 'Não é possível abrir este link. Links do LAN Room não têm “?” nem “#”.',
    LINK_ERR_CREDENTIALS:
      'Não é possível abrir este link. Links do LAN Room não trazem nome de usuário nem senha.',
    LINK_ERR_ACTION:
      'Não é possível abrir este link. O único link do LAN Room é lanroom://join/<código de sala ou endereço>.',
    LINK_ERR_TARGET:
      'Não é possível abrir este link. Um link para entrar indica um só código de sala ou um só host:porta.',
    LINK_ERR_CODE:
      'Não é possível abrir este link. Não é possível ler o código de sala deste link.',
    LINK_ERR_ADDRESS:
      'Não é possível abrir este link. O endereço deste link não está no formato host:porta (um endereço IPv6 entre colchetes).',
  },
  errorOps: {
    react: 'Não foi possível adicionar a reação',
    unreact: 'Não foi possível remover a reação',
    edit: 'Não foi possível editar a mensagem',
    delete: 'Não foi possível excluir a mensagem',
  },
  startup: {
    messagesNotLoaded: 'Não foi possível carregar as mensagens da sala: {{reason}}',
  },
}

import type { Catalogue } from '../en'

/**
 * The composer and files: attachments, the file tray and cards, drop zone, transfers, the image
 * lightbox, code blocks.
 */
export const composer: Catalogue = {
  composer: {
    replyingTo: 'Respondendo a {{name}}',
    cancelReply: 'Cancelar resposta',
    cancelReplyTitle: 'Cancelar resposta (Esc)',
    mentionList: 'Mencionar alguém',
    mentionRoom: 'Notificar todos na sala',
    insertEmoji: 'Inserir um emoji',
    label: 'Mensagem',
    placeholder: 'Mensagem para {{room}}',
    notConnected: 'Sem conexão',
    emoji: 'Emoji',
    send: 'Enviar',
    keys: '{{enter}} para enviar, {{shift}} + {{enter}} para nova linha',
    keyEnter: 'Enter',
    keyShift: 'Shift',
  },
  lengthHint: {
    over_one: '{{count, number}} caractere a mais',
    over_many: '{{count, number}} de caracteres a mais',
    over_other: '{{count, number}} caracteres a mais',
    tooBig: 'Longo demais para uma mensagem',
    count: '{{length, number}} / {{max, number}}',
  },
  unsent: {
    warning_one:
      '{{count, number}} mensagem que você escreveu ainda não foi enviada. Se sair agora, ela será perdida.',
    warning_many:
      '{{count, number}} de mensagens que você escreveu ainda não foram enviadas. Se sair agora, elas serão perdidas.',
    warning_other:
      '{{count, number}} mensagens que você escreveu ainda não foram enviadas. Se sair agora, elas serão perdidas.',
  },
  attachButton: {
    label: 'Anexar arquivos',
  },
  fileTray: {
    list: 'Arquivos para enviar',
    remove: 'Remover {{name}}',
    removeTitle: 'Remover',
    preparing: 'Preparando arquivos…',
    folders:
      'Não é possível compartilhar pastas: solte os arquivos que estão nela, ou um zip da pasta.',
    tooMany_one: 'Cabe no máximo {{count}} arquivo em uma mensagem.',
    tooMany_many: 'Cabem no máximo {{count}} de arquivos em uma mensagem.',
    tooMany_other: 'Cabem no máximo {{count}} arquivos em uma mensagem.',
  },
  dropZone: {
    title: 'Solte para compartilhar com {{room}}',
    hint: 'Você pode adicionar uma legenda antes de enviar.',
    refusedTitle: 'Esta sala não aceita arquivos',
    refusedHint:
      'O anfitrião desativou o compartilhamento de arquivos, ou usa uma versão mais antiga.',
  },
  droppedFiles: {
    pastedImage: 'Imagem colada {{date}} {{time}}',
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
    checking: 'A sala está verificando o arquivo…',
    sending: 'Enviando…',
    paused: 'Aguardando a sala… {{done}} de {{size}}',
    progress: '{{done}} de {{size}}',
    tooLarge: '“{{name}}” tem {{size}}: esta sala aceita arquivos de até {{max}}.',
  },
  fileCard: {
    viewTitle: 'Ver em tamanho real',
    downloadAndViewTitle: 'Baixar e ver em tamanho real',
    view: 'Ver {{name}} em tamanho real',
    program: 'programa (.{{extension}})',
    gone: 'não está mais na sala',
    verified: 'verificado',
    verifiedTitle: 'Baixado; o SHA-256 confere com o que foi declarado por quem enviou',
    failed: 'Falha no download',
    failedWith: 'Falha no download: {{reason}}',
    sendingProgress: 'Enviando {{name}}',
    downloadingProgress: 'Baixando {{name}}',
    cancel: 'Cancelar',
    cancelSending: 'Cancelar o envio de {{name}}',
    cancelDownload: 'Cancelar o download de {{name}}',
    expired: 'Expirado',
    save: 'Salvar',
    saveNamed: 'Salvar {{name}}',
    open: 'Abrir',
    openNamed: 'Abrir {{name}}',
    showInFolder: 'Mostrar na pasta',
    retry: 'Tentar de novo',
    retryNamed: 'Tentar de novo o download de {{name}}',
    download: 'Baixar',
    downloadNamed: 'Baixar {{name}}',
    saveTitle: 'Salvar “{{name}}”?',
    openTitle: 'Abrir “{{name}}”?',
    saveProgram:
      'Este arquivo é um programa. Depois de salvo, abri-lo o executa com as suas permissões, e ele pode fazer tudo o que você pode. Salve-o somente se você confia em {{sender}}, que o compartilhou, e esperava este arquivo.',
    openProgram:
      'Este arquivo é um programa. Abri-lo o executa neste computador com as suas permissões, e ele pode fazer tudo o que você pode. Abra-o somente se você confia em {{sender}}, que o compartilhou, e esperava este arquivo.',
    saveAnyway: 'Salvar mesmo assim',
    openAnyway: 'Abrir mesmo assim',
  },
  lightbox: {
    close: 'Fechar',
    closeTitle: 'Fechar (Esc)',
    loading: 'Carregando',
  },
  codeBlock: {
    copy: 'Copiar',
    copyCode: 'Copiar código',
    copied: 'Código copiado',
  },
}

import type { Catalogue } from '../en'

/**
 * The settings dialog and its pages, preferences, confirmation dialogs, the passphrase field, the
 * update notice; and the window's own text (its title, the start screen).
 */
export const settings: Catalogue = {
  app: {
    lobbyTitle: 'Início — LAN Room',
    roomTitle: '{{room}} — LAN Room',
    roomTitleUnread: '({{unread, number}}) {{room}} — LAN Room',
    couldNotStart: 'Não foi possível iniciar o LAN Room',
    starting: 'Iniciando',
    linkWaiting:
      'Chegou um link para entrar em {{target}}. Saia de {{room}} para vê-lo em “Entrar pelo endereço”.',
  },
  settingsDialog: {
    title: 'Configurações',
  },
  preferencesForm: {
    profile: 'Perfil',
    saveName: 'Salvar nome',
    saved: 'Salvo.',
    savedInRoom: 'Salvo. A sala vê o seu novo nome.',
    privacy: 'Privacidade e digitação',
    readReceipts: 'Enviar confirmações de leitura',
    readReceiptsHint:
      'Os outros veem “Visto por” nas mensagens deles depois que você as lê. Se desativar, até onde você leu nunca é enviado.',
    spellcheck: 'Verificar a ortografia ao digitar',
    spellcheckHint:
      'Palavras com erro são sublinhadas na caixa de mensagem; clique com o botão direito em uma para ver sugestões.',
    spellcheckMac: 'O macOS verifica a ortografia por conta própria.',
    spellcheckDownload:
      'Os dicionários são baixados dos servidores do Google, uma vez para cada idioma (o que você digita nunca é enviado). Se desativar, nada é baixado.',
    files: 'Arquivos',
    troubleshooting: 'Solução de problemas',
    doctorHint:
      'As salas não aparecem ou não dá para entrar? O diagnóstico de rede descobre o porquê.',
    doctor: 'Diagnóstico de rede…',
    done: 'Concluído',
  },
  settingsNotifications: {
    title: 'Notificações',
    hint: 'Mostradas enquanto a janela do LAN Room não está em primeiro plano.',
    notifyAbout: 'Notificar sobre',
    all: 'Todas as mensagens',
    mentions: 'Só menções a mim',
    mentionsHint: 'e @room',
    none: 'Nada',
    showText: 'Mostrar o texto da mensagem nas notificações',
    showTextHint:
      'Desativado: as notificações dizem só quem escreveu (“Nova mensagem de Ada”), para telas que outras pessoas podem ver.',
    sounds: 'Tocar um som com as notificações',
    mute: 'Silenciar {{room}}',
    muteHint: 'Uma sala silenciada só notifica você quando alguém menciona você (ou @room).',
  },
  settingsHosting: {
    title: 'Hospedar uma sala',
    allowGuests: 'Permitir entrar por um navegador',
    allowGuestsHint:
      'Sua sala mostra um código QR e um link que a abrem no navegador de um celular ou computador, sem o aplicativo. Essas pessoas aparecem como convidados. Se desativar, os navegadores são recusados, inclusive na sala que você está hospedando; quem usa o aplicativo não é afetado.',
  },
  settingsStartup: {
    title: 'Inicialização',
    atLogin: 'Abrir o LAN Room ao entrar no sistema',
    atLoginHintTray:
      'Ele inicia na bandeja do sistema, sem janela, para que você veja salas e mensagens assim que chegarem.',
    atLoginHintMenuBar:
      'Ele inicia na barra de menus, sem janela, para que você veja salas e mensagens assim que chegarem.',
  },
  settingsUpdates: {
    title: 'Atualizações',
    version: 'LAN Room {{version}}',
    packageManager: 'As atualizações vêm do gerenciador de pacotes do seu sistema.',
    development:
      'Esta é uma versão de desenvolvimento ou uma execução de teste: ela não procura atualizações.',
    unsupported:
      'Esta cópia do LAN Room não consegue se atualizar sozinha: instale as novas versões do mesmo jeito que instalou esta.',
    automatic: 'Procurar atualizações automaticamente',
    automaticHint:
      'Ao iniciar e a cada poucas horas, o LAN Room pergunta ao GitHub se há uma versão nova e a baixa em segundo plano. Ele nunca reinicia sozinho.',
    checking: 'Procurando atualizações…',
    downloading: 'Baixando a versão {{version}}: {{percent}}%',
    ready: 'A versão {{version}} está pronta: reinicie o LAN Room para instalá-la.',
    upToDate: 'O LAN Room está atualizado.',
    failed: 'Não foi possível procurar atualizações.',
    lastChecked: 'Última verificação: {{when}}.',
    checkingShort: 'Procurando…',
    checkNow: 'Procurar agora',
  },
  downloadFolder: {
    label: 'Pasta de downloads',
    systemFolder: 'Sua pasta Downloads',
    change: 'Alterar…',
    hint: 'Os arquivos que você baixa de uma sala são salvos aqui. Nada é baixado sem você pedir.',
  },
  confirmDialog: {
    working: 'Processando…',
  },
  passphraseField: {
    label: 'Frase secreta',
    show: 'Mostrar',
    hide: 'Ocultar',
  },
  updateNotice: {
    downloading: 'Baixando o LAN Room {{version}}…',
    progressLabel: 'Download da atualização',
    percent: '{{percent}}%',
    ready: 'O LAN Room {{version}} está pronto',
    installed: 'Ele é instalado quando você reiniciar o LAN Room.',
    installedHosting:
      'Ele é instalado quando você reiniciar o LAN Room, o que encerra a sala que você hospeda.',
    releaseNotes: 'Notas da versão',
    hideReleaseNotes: 'Ocultar notas da versão',
    later: 'Depois',
    restarting: 'Reiniciando…',
    restart: 'Reiniciar para atualizar',
    confirmTitle: 'Reiniciar para atualizar?',
    confirmNamed:
      'Você está hospedando “{{room}}”. Reiniciar encerra a sala para todos que estão nela; eles poderão entrar de novo quando você hospedá-la outra vez.',
    confirmUnnamed:
      'Você está hospedando uma sala. Reiniciar encerra a sala para todos que estão nela; eles poderão entrar de novo quando você hospedá-la outra vez.',
    confirmLabel: 'Encerrar a sala e reiniciar',
  },
}

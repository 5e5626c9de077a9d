import type { Catalogue } from '../en'

/**
 * The settings dialog and its pages, preferences, confirmation dialogs, the passphrase field, the
 * update notice; and the window's own text (its title, the start screen).
 */
export const settings: Catalogue = {
  app: {
    lobbyTitle: 'ロビー — LAN Room',
    roomTitle: '{{room}} — LAN Room',
    roomTitleUnread: '({{unread, number}}) {{room}} — LAN Room',
    couldNotStart: 'LAN Room を起動できませんでした',
    starting: '起動しています',
    linkWaiting:
      '{{target}} に参加するリンクが届きました。{{room}} から退出すると、「アドレスで参加」に表示されます。',
  },
  settingsDialog: {
    title: '設定',
  },
  preferencesForm: {
    profile: 'プロフィール',
    saveName: '名前を保存',
    saved: '保存しました。',
    savedInRoom: '保存しました。ルームには新しい名前が表示されます。',
    privacy: 'プライバシーと入力',
    readReceipts: '既読を送信する',
    readReceiptsHint:
      'あなたがメッセージを読むと、送信者には「既読」が表示されます。オフにすると、どこまで読んだかは一切送信されません。',
    spellcheck: '入力中にスペルをチェックする',
    spellcheckHint:
      'スペルの誤りはメッセージ欄で下線が引かれます。右クリックすると候補が表示されます。',
    spellcheckMac: 'macOS が自動でスペルをチェックします。',
    spellcheckDownload:
      '辞書は言語ごとに 1 回、Google のサーバーからダウンロードされます（入力した内容が送信されることはありません）。オフにすると何もダウンロードされません。',
    files: 'ファイル',
    troubleshooting: 'トラブルシューティング',
    doctorHint:
      'ルームが表示されない、または参加できない場合は、ネットワーク診断で原因を調べられます。',
    doctor: 'ネットワーク診断…',
    done: '完了',
  },
  settingsNotifications: {
    title: '通知',
    hint: 'LAN Room のウィンドウが前面にないときに表示されます。',
    notifyAbout: '通知する内容',
    all: 'すべてのメッセージ',
    mentions: '自分へのメンションのみ',
    mentionsHint: 'と @room',
    none: 'なし',
    showText: '通知にメッセージの本文を表示する',
    showTextHint:
      'オフの場合、通知には送信者だけが表示されます（「Ada から新しいメッセージ」）。ほかの人に見られる画面向けです。',
    sounds: '通知時にサウンドを鳴らす',
    mute: '{{room}} をミュート',
    muteHint:
      'ミュートしたルームは、誰かがあなたをメンションしたとき（または @room）だけ通知します。',
  },
  settingsHosting: {
    title: 'ルームをホストする',
    allowGuests: 'ブラウザからの参加を許可する',
    allowGuestsHint:
      'ルームに QR コードとリンクが表示され、アプリがなくてもスマートフォンやコンピューターのブラウザで開けます。参加した人はゲストとして表示されます。オフにすると、ホスト中のルームも含めてブラウザからの参加を拒否します。アプリを使っている人には影響しません。',
  },
  settingsStartup: {
    title: '起動',
    atLogin: 'ログイン時に LAN Room を起動する',
    atLoginHintTray:
      'ウィンドウを開かずにシステムトレイで起動するので、ルームやメッセージが届いたらすぐに分かります。',
    atLoginHintMenuBar:
      'ウィンドウを開かずにメニューバーで起動するので、ルームやメッセージが届いたらすぐに分かります。',
  },
  settingsUpdates: {
    title: 'アップデート',
    version: 'LAN Room {{version}}',
    packageManager: 'アップデートはシステムのパッケージマネージャーから提供されます。',
    development: 'これは開発用ビルドまたはテスト実行のため、アップデートを確認しません。',
    unsupported:
      'この LAN Room は自動でアップデートできません。このバージョンと同じ方法で新しいバージョンをインストールしてください。',
    automatic: 'アップデートを自動で確認する',
    automaticHint:
      '起動時と数時間ごとに、LAN Room は GitHub に新しいリリースを問い合わせ、バックグラウンドでダウンロードします。勝手に再起動することはありません。',
    checking: 'アップデートを確認しています…',
    downloading: 'バージョン {{version}} をダウンロード中: {{percent}}%',
    ready:
      'バージョン {{version}} の準備ができました。LAN Room を再起動するとインストールされます。',
    upToDate: 'LAN Room は最新です。',
    failed: 'アップデートの確認に失敗しました。',
    lastChecked: '最終確認: {{when}}。',
    checkingShort: '確認中…',
    checkNow: '今すぐ確認',
  },
  downloadFolder: {
    label: 'ダウンロードフォルダー',
    systemFolder: '「ダウンロード」フォルダー',
    change: '変更…',
    hint: 'ルームからダウンロードしたファイルはここに保存されます。指示しない限り、何もダウンロードされません。',
  },
  confirmDialog: {
    working: '処理しています…',
  },
  passphraseField: {
    label: 'パスフレーズ',
    show: '表示',
    hide: '隠す',
  },
  updateNotice: {
    downloading: 'LAN Room {{version}} をダウンロードしています…',
    progressLabel: 'アップデートのダウンロード',
    percent: '{{percent}}%',
    ready: 'LAN Room {{version}} の準備ができました',
    installed: 'LAN Room を再起動するとインストールされます。',
    installedHosting:
      'LAN Room を再起動するとインストールされます。ホストしているルームは終了します。',
    releaseNotes: 'リリースノート',
    hideReleaseNotes: 'リリースノートを隠す',
    later: '後で',
    restarting: '再起動しています…',
    restart: '再起動してアップデート',
    confirmTitle: '再起動してアップデートしますか？',
    confirmNamed:
      '「{{room}}」をホストしています。再起動すると、参加している全員のルームが終了します。もう一度ホストすれば、再び参加できます。',
    confirmUnnamed:
      'ルームをホストしています。再起動すると、参加している全員のルームが終了します。もう一度ホストすれば、再び参加できます。',
    confirmLabel: 'ルームを終了して再起動',
  },
}

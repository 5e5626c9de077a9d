import type { Catalogue } from '../en'

/**
 * The composer and files: attachments, the file tray and cards, drop zone, transfers, the image
 * lightbox, code blocks.
 */
export const composer: Catalogue = {
  composer: {
    replyingTo: '{{name}} に返信',
    cancelReply: '返信をキャンセル',
    cancelReplyTitle: '返信をキャンセル（Esc）',
    mentionList: 'メンションする相手',
    mentionRoom: 'ルームの全員に通知',
    insertEmoji: '絵文字を挿入',
    label: 'メッセージ',
    placeholder: '{{room}} へのメッセージ',
    notConnected: '接続されていません',
    emoji: '絵文字',
    send: '送信',
    keys: '{{enter}} で送信、{{shift}} + {{enter}} で改行',
    keyEnter: 'Enter',
    keyShift: 'Shift',
  },
  lengthHint: {
    over_other: '{{count, number}} 文字オーバー',
    tooBig: '1 通のメッセージには長すぎます',
    count: '{{length, number}} / {{max, number}}',
  },
  unsent: {
    warning_other:
      'あなたが書いたメッセージのうち {{count, number}} 件がまだ送信されていません。いま退出すると失われます。',
  },
  attachButton: {
    label: 'ファイルを添付',
  },
  fileTray: {
    list: '送信するファイル',
    remove: '{{name}} を削除',
    removeTitle: '削除',
    preparing: 'ファイルを準備しています…',
    folders:
      'フォルダーは共有できません。中のファイルか、フォルダーの zip ファイルをドロップしてください。',
    tooMany_other: '1 通のメッセージに添付できるファイルは {{count}} 個までです。',
  },
  dropZone: {
    title: 'ドロップして {{room}} と共有',
    hint: '送信する前にキャプションを追加できます。',
    refusedTitle: 'このルームはファイルを受け付けていません',
    refusedHint: 'ホストがファイル共有をオフにしているか、古いバージョンを使っています。',
  },
  droppedFiles: {
    pastedImage: '貼り付けた画像 {{date}} {{time}}',
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
    preparing: '準備しています…',
    verifying: '検証しています…',
    checking: 'ルームがファイルを確認しています…',
    sending: '送信しています…',
    paused: 'ルームを待っています… {{done}} / {{size}}',
    progress: '{{done}} / {{size}}',
    tooLarge: '「{{name}}」は {{size}} です。このルームで共有できるファイルは {{max}} までです。',
  },
  fileCard: {
    viewTitle: '原寸で表示',
    downloadAndViewTitle: 'ダウンロードして原寸で表示',
    view: '{{name}} を原寸で表示',
    program: 'プログラム（.{{extension}}）',
    gone: 'ルームにはもうありません',
    verified: '検証済み',
    verifiedTitle: 'ダウンロード済み。SHA-256 が送信者の申告と一致しています',
    failed: 'ダウンロードに失敗しました',
    failedWith: 'ダウンロードに失敗しました: {{reason}}',
    sendingProgress: '{{name}} を送信中',
    downloadingProgress: '{{name}} をダウンロード中',
    cancel: 'キャンセル',
    cancelSending: '{{name}} の送信をキャンセル',
    cancelDownload: '{{name}} のダウンロードをキャンセル',
    expired: '期限切れ',
    save: '保存',
    saveNamed: '{{name}} を保存',
    open: '開く',
    openNamed: '{{name}} を開く',
    showInFolder: 'フォルダーに表示',
    retry: '再試行',
    retryNamed: '{{name}} のダウンロードを再試行',
    download: 'ダウンロード',
    downloadNamed: '{{name}} をダウンロード',
    saveTitle: '「{{name}}」を保存しますか？',
    openTitle: '「{{name}}」を開きますか？',
    saveProgram:
      'このファイルはプログラムです。保存後に開くと、あなたの権限で実行され、あなたができることは何でもできてしまいます。共有した {{sender}} を信頼していて、このファイルを受け取る予定だった場合にのみ保存してください。',
    openProgram:
      'このファイルはプログラムです。開くと、このコンピューター上であなたの権限で実行され、あなたができることは何でもできてしまいます。共有した {{sender}} を信頼していて、このファイルを受け取る予定だった場合にのみ開いてください。',
    saveAnyway: 'このまま保存',
    openAnyway: 'このまま開く',
  },
  lightbox: {
    close: '閉じる',
    closeTitle: '閉じる（Esc）',
    loading: '読み込み中',
  },
  codeBlock: {
    copy: 'コピー',
    copyCode: 'コードをコピー',
    copied: 'コードをコピーしました',
  },
}

import type { Catalogue } from '../en'

/**
 * Outside the page and across it: the language setting, error sentences by code (errors),
 * notifications, the tray menu, main process dialogs, the updater.
 */
export const platform: Catalogue = {
  appearance: {
    heading: '外観',
    theme: 'テーマ',
    timeFormat: '時刻の表示形式',
    system: 'システム',
    systemThemeHint: 'コンピューターの設定に従います',
    light: 'ライト',
    dark: 'ダーク',
    twelveHour: '12 時間表示',
    twentyFourHour: '24 時間表示',
    /** An example time in a format (Intl's): as it is, in every language. */
    timeSample: '{{time}}',
  },
  languageSetting: {
    legend: '言語',
    system: 'システム（{{language}}）',
  },
  tray: {
    open: 'LAN Room を開く',
    quit: 'LAN Room を終了',
    mute: 'このルームをミュート',
    unmute: 'このルームのミュートを解除',
    stopHosting: 'ホストを終了',
    roomUnread_other: '{{room}}（未読 {{unread}} 件）',
    tooltipHosting: 'LAN Room：{{room}} をホスト中',
    tooltipJoined: 'LAN Room：{{room}} に参加中',
    tooltipUnread_other: '{{status}}（未読 {{unread}} 件）',
    tooltipMuted: '{{status}}、ミュート中',
  },
  notifications: {
    messageIn: '{{name}}（{{room}}）',
    mention: '{{name}} さんがあなたをメンションしました',
    mentionIn: '{{name}} さんが {{room}} であなたをメンションしました',
    mentions_other: 'あなたへのメンション {{count}} 件',
    mentionsIn_other: '{{room}} であなたへのメンション {{count}} 件',
    newMessages_other: '{{from}} からの新しいメッセージ {{count}} 件',
    newMessagesIn_other: '{{room}} で {{from}} からの新しいメッセージ {{count}} 件',
    twoSenders: '{{name}} さんと {{other}} さん',
    manySenders_other: '{{name}} さんほか {{count}} 人',
    quote: '{{name}}：{{text}}',
    hidden: '{{name}} さんからの新しいメッセージ',
  },
  dialogs: {
    stillRunningTitle: 'LAN Room は実行中です',
    stillRunningHostingTray:
      'ルーム {{room}} は開いたままです。LAN Room はシステムトレイで動作を続けます。そこから開くか、そこで「終了」を選ぶと退出できます。',
    stillRunningJoinedTray:
      'まだ {{room}} に参加しています。LAN Room はシステムトレイで動作を続けます。そこから開くか、そこで「終了」を選ぶと退出できます。',
    stillRunningHostingMenuBar:
      'ルーム {{room}} は開いたままです。LAN Room はメニューバーで動作を続けます。そこから開くか、そこで「終了」を選ぶと退出できます。',
    stillRunningJoinedMenuBar:
      'まだ {{room}} に参加しています。LAN Room はメニューバーで動作を続けます。そこから開くか、そこで「終了」を選ぶと退出できます。',
    couldNotStart: 'LAN Room を起動できませんでした',
    windowCannotShow: 'ウィンドウを表示できません：{{error}}',
    identityAdvice:
      'LAN Room は鍵、証明書、設定を {{dir}} に保存しています。そこにある identity.pem が壊れている場合は、別の場所に移動してください。LAN Room が新しいものを作成し、ほかの人からは新しい人として表示されます。',
  },
  /** The installers' texts that are ours (the Linux desktop entry's Comment). */
  installer: {
    comment: 'ローカルネットワーク上の人とチャットします',
  },
  contextMenu: {
    cut: '切り取り',
    copy: 'コピー',
    paste: '貼り付け',
    selectAll: 'すべて選択',
    noSuggestions: '候補はありません',
    addToDictionary: '辞書に追加',
    copyLinkAddress: 'リンクのアドレスをコピー',
  },
  errors: {
    APP_ERR_ALREADY_SENT: 'このファイルは送信済みです。取り消すにはメッセージを削除してください。',
    APP_ERR_BAD_ADDRESS:
      'アドレスではありません。ホスト:ポートの形式で入力してください（例：192.168.1.20:47800）。',
    APP_ERR_BAD_CODE:
      '有効なルームコードではありません。ホストがルームで見ているコードと照らし合わせてください。',
    APP_ERR_BUSY: 'すでにルームに参加しています。先に退出（またはホストを終了）してください。',
    APP_ERR_CERTIFICATE_CHANGED:
      '前回の参加以降にルームの証明書が変わりました。信頼する前に、確認コードをホストと照らし合わせてください。',
    APP_ERR_CERTIFICATE_DOWNGRADED:
      'このルームは暗号化されていましたが、今はされていません。参加する前に、何が変わったかホストに確認してください。',
    APP_ERR_CERTIFICATE_UNEXPECTED:
      'ルームが、あなたが確認したものとは別の証明書を提示しました。確認コードをホストと照らし合わせてください。',
    APP_ERR_CODE_MISMATCH:
      'そのアドレスのルームはルームコードと一致しません。コードをホストに確認してください。',
    APP_ERR_CONNECT:
      'ルームに参加できませんでした。ルームがまだ開いているか確認して、もう一度お試しください。',
    APP_ERR_EXECUTABLE:
      'このファイルはプログラムです。開く前に、信頼できることを確認してください。',
    APP_ERR_FILES_UNAVAILABLE: 'このルームではファイルを受け付けていません。',
    APP_ERR_FILE_EXPIRED:
      'ルームにはもうこのファイルがありません。送信者にもう一度送ってもらってください。',
    APP_ERR_FILE_TOO_LARGE:
      'このファイルはルームが受け付けるサイズを超えています。もっと小さいファイルを共有してください。',
    APP_ERR_FILE_UNREADABLE:
      'このファイルを読み込めませんでした。ファイルがまだ存在し、開く権限があるか確認してください。',
    APP_ERR_INCOMPATIBLE:
      'このルームでは、あなたのものと通信できないバージョンの LAN Room が動いています。どちらかのアプリを更新してください。',
    APP_ERR_INVALID: 'ルームがリクエストを無効として拒否しました。',
    APP_ERR_NOTHING_TO_TRUST: 'このルームには、信頼できる変更済みの証明書がありません。',
    APP_ERR_NOT_AN_IMAGE:
      'このファイルは画像として表示できません。ダウンロードして開いてください。',
    APP_ERR_NOT_AUTHOR: '変更できるのは自分のメッセージだけです。',
    APP_ERR_NOT_A_FILE: 'このメッセージにはファイルがありません。',
    APP_ERR_NOT_CONNECTED:
      '現在ルームに接続していません。接続が戻るのを待って、もう一度お試しください。',
    APP_ERR_NOT_DOWNLOADED:
      'このファイルはダウンロードされていません。もう一度ダウンロードしてください。',
    APP_ERR_NOT_FOUND: 'このメッセージはもうルームにありません。',
    APP_ERR_NOT_HOSTING: 'ルームをホストしていません。',
    APP_ERR_NOT_IN_BROWSER:
      'この機能はまだブラウザーでは使えません。LAN Room アプリをお使いください。',
    APP_ERR_NOT_IN_ROOM: 'ルームに参加していません。',
    APP_ERR_OPEN_FAILED: 'ファイルを開けませんでした。フォルダーから開いてください。',
    APP_ERR_PASSPHRASE_REQUIRED: 'このルームにはパスフレーズが必要です。ホストに聞いてください。',
    APP_ERR_RATE_LIMITED:
      'ルームへのリクエストが多すぎます。少し待ってから、もう一度お試しください。',
    APP_ERR_REQUEST_FAILED: 'ルームがリクエストを処理できませんでした。もう一度お試しください。',
    APP_ERR_ROOM_GONE: 'そのルームはもう近くにありません。アドレスで参加してみてください。',
    APP_ERR_TIMEOUT: 'ルームが時間内に応答しませんでした。もう一度お試しください。',
    APP_ERR_TOO_MANY_ATTEMPTS:
      'パスフレーズの誤りが多すぎます。少し待ってから、もう一度お試しください。',
    APP_ERR_TOO_MANY_FILES: '一度に送るファイルが多すぎます。数を減らして送ってください。',
    APP_ERR_TOO_MANY_NOTICES: '一度に多くの通知が届いたため、一部を省略しました。',
    APP_ERR_UNKNOWN_STAGED: 'このファイルは送信の準備ができていません。もう一度追加してください。',
    APP_ERR_UNKNOWN_TRANSFER: 'この転送はもう存在しません。',
    APP_ERR_UNREACHABLE:
      'ルームに接続できませんでした。ホストと同じネットワークにいるか確認してください。',
    APP_ERR_UNSUPPORTED:
      'このルームのホストが使っている LAN Room のバージョンは、この機能に対応していません。',
    APP_ERR_UPLOAD_FAILED: 'アップロードに失敗しました。もう一度ファイルを送ってください。',
    APP_ERR_WRONG_PASSPHRASE: 'ルームのパスフレーズと一致しません。ホストに確認してください。',
    BRIDGE_ERR_HANDLER_FAILED:
      'LAN Room で問題が発生しました。もう一度お試しください。詳細はログにあります。',
    BRIDGE_ERR_INVALID_ARGS:
      'LAN Room はこのリクエストを理解できませんでした。もう一度お試しください。',
    BRIDGE_ERR_INVALID_PAYLOAD: '更新が大きすぎて表示できないため、省略しました。',
    BRIDGE_ERR_INVALID_RESULT:
      'LAN Room が予期しない応答を返しました。もう一度お試しください。詳細はログにあります。',
    BRIDGE_ERR_UNAVAILABLE:
      'LAN Room の準備ができていないか、終了中です。少ししてから、もう一度お試しください。',
    BRIDGE_ERR_UNTRUSTED_SENDER:
      'このリクエストは LAN Room 自身のウィンドウから送られたものではないため、拒否しました。',
    HUB_ERR_BAD_OPTIONS: 'ルームの設定が無効です。名前とパスフレーズを確認してください。',
    HUB_ERR_GUEST_APP:
      'ブラウザーのゲスト用ページが見つからないため、このルームはゲストを受け入れられません。',
    HUB_ERR_LISTEN:
      'ルームのネットワークポートを開けませんでした。ファイアウォールを確認して、もう一度お試しください。',
    HUB_ERR_PORT_IN_USE:
      'ルームのポートはすでに使われています。ほかのプログラムを終了するか、別のポートを選んでください。',
    HUB_ERR_ROOM_IN_USE:
      'このルームは、このコンピューターで同じデータからすでに開かれています（別の LAN Room または lanroom host）。先にそちらで閉じてください。',
    HUB_ERR_STORE_FAILED:
      'ルームが停止しました。このコンピューターに履歴を保存できませんでした。ディスクに空き容量があり書き込めることを確認してから、もう一度ルームをホストしてください。確認されなかったメッセージは送信者の手元に残っています。',
    HUB_ERR_START: 'ルームを開始できませんでした。詳細はログにあります。',
    SCAN_ERR_NOT_AN_ADDRESS:
      'アドレスではありません。IPv4 アドレスか、192.168.1.0/24 のようなサブネットを入力してください。',
    SCAN_ERR_NOT_PRIVATE: '見守れるのはローカルネットワークのアドレスだけです。',
    SCAN_ERR_TOO_WIDE: 'このサブネットは広すぎます。見守れるのは最大で /22（1,024 アドレス）です。',
    UPDATE_ERR_DOWNLOAD: 'アップデートをダウンロードできませんでした。あとでもう一度試します。',
    UPDATE_ERR_FAILED: 'アップデートの確認に失敗しました。',
    UPDATE_ERR_FEED:
      'リリースフィードに今は使えるアップデートがありません。あとでもう一度確認します。',
    UPDATE_ERR_HOSTING: '再起動すると、全員にとってルームが終了します。先に確認してください。',
    UPDATE_ERR_NOT_READY: 'インストールできるアップデートはありません。',
    UPDATE_ERR_OFFLINE:
      'アップデートを確認するために GitHub に接続できませんでした。接続を確認してください。',
    UPDATE_ERR_SIGNATURE:
      'このアップデートは LAN Room の発行元による署名がないため、インストールしませんでした。',
    UPDATE_ERR_UNAVAILABLE: 'この LAN Room は自動で更新されません。',
    CHAT_ERR_INVALID_MESSAGE: 'ルームはこのメッセージを有効なものとして受け付けませんでした。',
    CHAT_ERR_UNKNOWN_TARGET: '返信先のメッセージはもうルームにありません。',
    CHAT_ERR_UNKNOWN_UPLOAD:
      'このメッセージで共有するファイルがルームにありません。ファイルをもう一度送信してください。',
    CHAT_ERR_FILE_MISMATCH:
      'このメッセージで共有するファイルが、アップロードされたものと一致しません。ファイルをもう一度送信してください。',
    CONN_ERR_INVALID: 'このメッセージはルームにとって長すぎるか、有効ではありません。',
    CONN_ERR_UNSUPPORTED:
      'このルームのホストが使っている LAN Room のバージョンでは、このメッセージを受け付けられません。',
    ROOM_INFO_PROGRESS_other:
      '以前のメッセージを読み込んでいます…（これまでに {{count, number}} 件）',
    ROOM_ERR_OP_FAILED: '{{op}}。',
    ROOM_ERR_OP_NOT_AUTHOR: '{{op}}：投稿した本人しか操作できません。',
    ROOM_ERR_OP_UNKNOWN_TARGET: '{{op}}：そのメッセージはもうルームにありません。',
    ROOM_ERR_OP_TOO_MANY_REACTIONS:
      '{{op}}：このメッセージにはこれ以上リアクションを付けられません。',
    ROOM_ERR_OP_CLOSED: '{{op}}：ルームとの接続が終了しました。',
    ROOM_ERR_OP_UNSUPPORTED:
      '{{op}}：このルームのホストが使っている LAN Room のバージョンは、この操作に対応していません。',
    ROOM_ERR_OP_INVALID: '{{op}}：ルームで扱える長さを超えているか、無効です。',
    ROOM_ERR_OP_REFUSED: '{{op}}：ルームに拒否されました。',
    ROOM_ERR_HUB_INVALID_JSON:
      'ルームが LAN Room からのメッセージを読み取れませんでした。繰り返し起きる場合は、ルームを退出してから参加し直してください。',
    ROOM_ERR_HUB_INVALID_MESSAGE:
      'LAN Room とルームの間のメッセージが無効でした。繰り返し起きる場合は、ルームを退出してから参加し直してください。',
    ROOM_ERR_HUB_UNKNOWN_TYPE:
      'このルームのホストが使っている LAN Room のバージョンは、このアプリのメッセージの一部に対応していません。',
    ROOM_ERR_HUB_HELLO_REQUIRED: '参加が完了する前に送信されたメッセージを、ルームが拒否しました。',
    ROOM_ERR_HUB_ALREADY_JOINED: 'ルームによると、この接続はすでに参加しています。',
    ROOM_ERR_HUB_RATE_LIMITED:
      'ルームで許可されている速さを超えて送信しています。しばらくお待ちください。',
    ROOM_ERR_HUB_BINARY_UNSUPPORTED: 'ルームはこの種類のメッセージを受け付けていません。',
    ROOM_ERR_HUB_ROOM_FULL: 'ルームが満員です。誰かが退出してから、もう一度お試しください。',
    ROOM_ERR_HUB_INCOMPATIBLE_VERSION:
      'このルームでは、あなたのものと通信できないバージョンの LAN Room が動いています。どちらかのアプリを更新してください。',
    ROOM_ERR_HUB_IDENTITY_UNPROVEN:
      'ルームがこのアプリの ID を確認できませんでした。ルームを退出してから参加し直してください。',
    ROOM_ERR_HUB_PASSPHRASE_REQUIRED:
      'このルームにはパスフレーズが必要です。ホストに聞いてください。',
    ROOM_ERR_HUB_WRONG_PASSPHRASE: 'ルームのパスフレーズと一致しません。ホストに確認してください。',
    ROOM_ERR_HUB_TOO_MANY_ATTEMPTS:
      'パスフレーズの誤りが多すぎます。少し待ってから、もう一度お試しください。',
    ROOM_ERR_HUB_NOT_AUTHOR: 'このメッセージを変更できるのは、投稿した本人だけです。',
    ROOM_ERR_HUB_UNKNOWN_TARGET: 'このメッセージはもうルームにありません。',
    ROOM_ERR_HUB_NO_CHANGE: '変更される内容はありません。',
    ROOM_ERR_HUB_TOO_MANY_REACTIONS: 'このメッセージにはこれ以上リアクションを付けられません。',
    ROOM_ERR_HUB_MENTION_LIMITED_other:
      'メッセージは @room なしで送信されました。@room で全員に通知できるのは {{count}} 秒後です。',
    ROOM_ERR_HUB_UNKNOWN_UPLOAD:
      'このメッセージで共有するファイルがルームにありません。ファイルをもう一度送信してください。',
    ROOM_ERR_HUB_FILE_MISMATCH:
      'このメッセージで共有するファイルが、アップロードされたものと一致しません。ファイルをもう一度送信してください。',
    ROOM_ERR_HUB_REQUEST_LIMITED:
      'ルームへのリクエストが多すぎます。少し待ってから、もう一度お試しください。',
    HUB_ERR_CLUSTER:
      'NATS 経由でルームを提供できません。NATS サーバーが動作していて、接続できることを確認してください。',
    FILE_ERR_UNAUTHORIZED:
      'ルームがこのファイルのリクエストを受け付けませんでした。ルームを退出して参加し直し、もう一度お試しください。',
    FILE_ERR_FORBIDDEN: 'このファイルに対するその操作は、ルームで許可されていません。',
    FILE_ERR_NOT_FOUND: 'ルームにこのファイルがありません。',
    FILE_ERR_EXPIRED: 'このファイルはもうルームにありません。',
    FILE_ERR_TOO_LARGE: 'このファイルは、ルームで受け付けられるサイズを超えています。',
    FILE_ERR_BUDGET:
      'ルームにファイル用の空き容量がありません。しばらくしてからもう一度お試しください。',
    FILE_ERR_BUSY: 'ルームはほかのファイルを処理中です。少し待ってからもう一度お試しください。',
    FILE_ERR_CHECKSUM: 'ファイルが破損した状態でルームに届きました。もう一度送信してください。',
    FILE_ERR_CORRUPT:
      'ダウンロードしたファイルが共有されたものと一致しないため、保存しませんでした。もう一度お試しください。',
    FILE_ERR_CANCELLED: '転送はキャンセルされました。',
    FILE_ERR_NETWORK: 'ルームに接続できませんでした。接続を確認して、もう一度お試しください。',
    FILE_ERR_IO: 'このコンピューターでファイルを読み込むことも保存することもできませんでした。',
    LINK_ERR_TOO_LONG: 'このリンクは開けません。LAN Room のリンクとしては長すぎます。',
    LINK_ERR_CHARACTER:
      'このリンクは開けません。LAN Room のリンクには含まれない文字（スペース、制御文字、ASCII 以外の文字）が含まれています。',
    LINK_ERR_SCHEME:
      'このリンクは開けません。LAN Room のリンクではありません（lanroom://join/…）。',
    LINK_ERR_ENCODED:
      'このリンクは開けません。LAN Room のリンクにエスケープされた文字（%）が含まれることはありません。',
    LINK_ERR_QUERY: 'このリンクは開けません。LAN Room のリンクに「?」や「#」は含まれません。',
    LINK_ERR_CREDENTIALS:
      'このリンクは開けません。LAN Room のリンクにユーザー名やパスワードは含まれません。',
    LINK_ERR_ACTION:
      'このリンクは開けません。LAN Room のリンクは lanroom://join/<ルームコードまたはアドレス> の形だけです。',
    LINK_ERR_TARGET:
      'このリンクは開けません。参加リンクに指定できるのは、ルームコード 1 つか host:port 1 つです。',
    LINK_ERR_CODE: 'このリンクは開けません。このリンクのルームコードを読み取れません。',
    LINK_ERR_ADDRESS:
      'このリンクは開けません。このリンクのアドレスが host:port の形ではありません（IPv6 アドレスは角かっこで囲みます）。',
  },
  errorOps: {
    react: 'リアクションを追加できませんでした',
    unreact: 'リアクションを取り消せませんでした',
    edit: 'メッセージを編集できませんでした',
    delete: 'メッセージを削除できませんでした',
  },
  startup: {
    messagesNotLoaded: 'ルームのメッセージを読み込めませんでした：{{reason}}',
  },
}

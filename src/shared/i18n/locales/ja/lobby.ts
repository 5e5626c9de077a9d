import type { Catalogue } from '../en'

/**
 * The lobby: rooms nearby, hosting, joining by address, sharing, the doctor, network preferences,
 * certificates and verification codes, the guest join page.
 */
export const lobby: Catalogue = {
  lobby: {
    heading: 'ロビー',
    youAre: 'あなたは {{name}} です',
    settings: '設定',
    suggestedRoom: '{{name}} のルーム',
    doctorTitle: 'ネットワーク診断',
  },
  roomList: {
    heading: '近くのルーム',
    lookingForMore: 'さらに探しています…',
    hostedBy: 'ホスト：{{name}}',
    hostedByPeople_other: 'ホスト：{{name}} · {{count}} 人',
    needsPassphrase: 'パスフレーズが必要です',
    needsPassphraseHidden: '（パスフレーズが必要）',
    yours: '自分のルーム',
    trustVerified: '確認済み：以前に信頼した証明書です',
    trustUnverified: '未確認：ホストと確認コードを照合してください',
    trustChanged: '前回の参加以降に証明書が変わりました',
    trustDowngraded: '前回の参加時は暗号化されていましたが、現在はされていません',
    trustPlain: '暗号化なし',
    trustVerifiedHidden: '（確認済み：以前に信頼した証明書です）',
    badgeChanged: '証明書が変更済み',
    badgeDowngraded: '暗号化が解除済み',
    badgePlain: '暗号化なし',
    foundByScan: 'スキャンで発見',
    foundByScanTitle:
      'ネットワーク上で告知されていません：詳しく探したとき、またはアドレスを監視していて見つかりました',
    conflicting: '証明書の不一致',
    mismatch:
      'このルームは複数の証明書で告知されています。別の誰かがこのルームになりすましている可能性があります。',
    verificationCode: '確認コード {{code}}',
    incompatible:
      'このルームはプロトコルのバージョン {{version}} を使っていますが、このアプリはバージョン {{ours}} です。古い方のアプリを更新してください。',
    cannotJoin: 'このルームには参加できません。',
    join: '参加',
    joinRoom: '{{name}} に参加',
    joining: '参加しています…',
    joinDialogTitle: '「{{name}}」に参加',
    askPassphrase: 'このルームにはパスフレーズが必要です。{{name}} さんに聞いてください。',
    wrongPassphrase: 'パスフレーズが違います',
    typePassphrase: 'ホストから伝えられたパスフレーズを入力してください。',
    lookingForRooms: 'ルームを探しています…',
    lookingForRoomsText:
      'このネットワークでホストされているルームは、見つかり次第ここに表示されます。',
    cannotLook: 'ルームを探せません',
    unavailable: 'このコンピュータでは近くのルームを探せません。',
    unavailableBecause: '近くのルームを探せません：{{reason}}',
    stillCanJoin: 'アドレスを使えばルームに参加できます。',
    stillLooking: '引き続き探しています…',
    noRoomYet:
      'このネットワークではまだルームが告知されていません。LAN Room は待ち受けを続けます。ルームが始まるとすぐにここに表示されます。',
    expectingOne:
      'ルームがあるはずですか？ネットワークが、ルームの告知に使われるメッセージをブロックしている可能性があります。ゲスト Wi-Fi、VPN、一部のファイアウォールはそうします。「詳しく探す」は代わりに近くのアドレスを一つずつ問い合わせます。または、ホストのルームに表示されているルームコードかアドレスをホストに聞いてください。',
    macLocalNetwork:
      'Mac では、LAN Room にローカルネットワークへのアクセスも必要です：システム設定 → プライバシーとセキュリティ → ローカルネットワーク。',
    enterCode: 'ルームコードまたはアドレスを入力',
    checkNetwork: 'ネットワークを確認',
  },
  lookHarder: {
    progress: '詳しく探しています：{{total}} 件中 {{probed}} 件のアドレスを確認',
    progressFound:
      '詳しく探しています：{{total}} 件中 {{probed}} 件のアドレスを確認、{{found}} 件見つかりました',
    cancel: 'キャンセル',
    nothingAnswered_other: '{{count}} 件のアドレスから応答がありませんでした。',
    stopped: '詳しく探すのを中止しました。',
    button: '詳しく探す',
    hint: 'ネットワーク上のアドレスに、ルームが動いているかどうかを一つずつ問い合わせます。最大 1 分かかり、あなたが求めたときだけ行います。',
  },
  hostForm: {
    title: 'ルームをホストする',
    intro: 'このネットワークの人は「近くのルーム」でこのルームを見つけられます。',
    windowsFirewall:
      'Windows から、LAN Room がネットワークを使ってよいか確認されることがあります。他の人が参加できるよう、プライベートネットワークで「許可」を選んでください。「キャンセル」を選んだ場合は、Windows セキュリティ → ファイアウォールで LAN Room を許可してください。',
    nameLabel: 'ルーム名',
    nameEmpty: 'みんなが見つけられるよう、ルームに名前を付けてください。',
    passphraseLabel: 'パスフレーズ（任意）',
    passphraseHint:
      'あなたが伝えた人だけが参加できます。パスフレーズはこのコンピュータから外に出ません。他の人はそれを知っていることを証明します。',
    starting: '開始しています…',
    submit: 'ルームをホスト',
  },
  joinByAddress: {
    title: 'アドレスで参加',
    hostedBy: 'ホスト：{{name}}',
    verificationCode: '確認コード：{{code}}',
    foundNearby:
      '近くで見つかりました：ルームコードのアドレス（{{address}}）は、もうこのルームとして応答していません。',
    codeVerified: '確認済み：このルームの証明書は、ルームコード {{code}} が示すものです。',
    codeVerifiedReplaces:
      '確認済み：このルームの証明書は、ルームコード {{code}} が示すものです。前回参加したときの証明書（コード {{pinned}}）に代わるものです。',
    downgraded:
      'このルームは前回の参加時には暗号化されていました（コード {{pinned}}）が、今はされていません。誰かがなりすましている可能性があります。参加する前にホストに確認してください。',
    notEncrypted: 'このルームは暗号化されていません。ネットワーク上の誰でも内容を読めます。',
    samePin: '確認済み：前回の参加時と同じ証明書です。',
    changedPin:
      'これは前回参加したときのこのルームの証明書ではありません（当時のコードは {{pinned}}）。続ける前に、ホストのルームにどのコードが表示されているか聞いてください。',
    compareCode: 'ホストのルームに同じコードが表示されているか確認してください。',
    back: '戻る',
    join: '参加',
    joining: '参加しています…',
    intro:
      'ルームが表示されないときにも使えます。ルームコードとアドレスは、ホストが自分のルームで確認できます。',
    addressLabel: 'ルームコードまたはアドレス',
    addressPlaceholder: '{{code}} または {{address}}',
    addressEmpty:
      'ホストがルームで確認できるルームコードかアドレスを入力してください（例：{{address}}）。',
    looking: '確認しています…',
    continue: '続ける',
    findOutWhy: '原因を調べる',
  },
  joinRefusal: {
    wrongPassphrase: 'パスフレーズが違います',
    typePassphrase: 'ホストから伝えられたパスフレーズを入力してください。',
  },
  retry: {
    seconds: '{{seconds}} 秒',
    minutes: '{{minutes}} 分',
    minutesSeconds: '{{minutes}} 分 {{seconds}} 秒',
    wait: 'このコンピュータからのパスフレーズの間違いが多すぎます。{{wait}}後にもう一度お試しください。',
    now: 'パスフレーズの間違いが多すぎました。もう一度お試しいただけます。',
  },
  shareAddresses: {
    copy: 'コピー',
    heading: '招待する',
    roomCode: 'ルームコード',
    roomCodeSpelled: 'ルームコード {{code}}',
    copyRoomCode: 'ルームコードをコピー',
    roomCodeHint:
      '読み上げるか送ってください。「アドレスで参加」に入力すると、このルームを見つけて証明書を確認するので、誰もコードを照合する必要はありません。',
    otherCodes: 'このコンピュータの他のネットワーク用のコード',
    copyCodeFor: '{{address}} 用のルームコードをコピー',
    fromBrowser: 'ブラウザから参加',
    qrAlt: 'ブラウザから参加するためのリンクの QR コード',
    copyLink: 'ブラウザから参加するためのリンクをコピー',
    scanHint:
      'スマートフォンのカメラで読み取るか、このネットワーク上のブラウザでリンクを開いてください。ページにはルームのコードが表示され、{{code}} となっているはずです。',
    typeHint:
      'このネットワークの人は「近くのルーム」でこのルームを見つけられます。表示されない場合は、次のように入力して参加できます：',
    copyAddress: '{{address}} をコピー',
    noAddress:
      'このコンピュータには他の人が接続できるネットワークアドレスがありません。このコンピュータを使っている人だけが参加できます。',
    copied: '{{text}} をコピーしました',
  },
  certificateWarning: {
    thisRoom: 'このルーム',
    quotedName: '「{{name}}」',
    titleDowngraded: 'ルームが暗号化されなくなりました',
    titleChanged: 'ルームの証明書が変わりました',
    downgraded:
      '{{name}}は前回の参加時には暗号化されていましたが、今はされていないため、LAN Room は接続しませんでした。',
    changed:
      '{{name}}が前回の参加時と同じ証明書を提示していないため、LAN Room は接続しませんでした。',
    codeTrusted: '信頼したコード',
    codeNow: '現在表示されているコード',
    downgradedAdvice:
      'ネットワーク上の誰かがルームになりすまし、あなたが送る内容を読もうとしている可能性があります。暗号化を切ったかどうか、直接会うか電話でホストに確認し、確認が取れるまで参加しないでください。',
    changedAdvice:
      'ホストが LAN Room を再インストールしたか、別のコンピュータに移った可能性があります。しかし、ネットワーク上の誰かがルームになりすましている可能性もあります。ホストのルームにどのコードが表示されているか、チャットではなく直接会うか電話で聞き、{{code}} の場合にだけ信頼してください。',
    dontJoin: '参加しない',
    joining: '参加しています…',
    trust: '新しい証明書を信頼',
  },
  verificationCode: {
    spelled: '確認コード {{code}}',
    notEncrypted: '暗号化なし',
  },
  guestJoin: {
    title: 'このルームに参加',
    hostedBy: 'ホスト：{{name}}',
    codeInLink: 'リンクのコード',
    none: 'なし',
    codeShown: 'このルームのコード',
    notEncrypted: 'このルームは暗号化されていません。ネットワーク上の誰でも内容を読めます。',
    mismatch:
      'コードが一致しません。リンクが作られたルームではないか、その後に証明書が変わっています。参加する前に、ホストに QR コードをもう一度もらってください。',
    match: 'コードが一致しました。開いたリンクまたは QR コードのルームです。',
    compareCode: '参加する前に、ホストのルームに同じコードが表示されているか確認してください。',
    join: '参加',
    joining: '参加しています…',
    tryAgain: '再試行',
    looking: 'ルームを確認しています…',
    warningTitle: 'ブラウザの警告について',
    warningText:
      'このページが開く前に、ブラウザは接続が「プライベートではない」または「安全ではない」と表示したはずです。ここではそれが普通です。ルームはすべてを暗号化していますが、どの企業も署名していない自作の証明書を使っているため、ブラウザが保証できないのです。',
    codeText:
      '正しいルームかどうかはコードでわかります。リンクのコードがホストの画面に表示されているコードと一致すれば、ホストのルームにつながっています。ルームの他の人には、あなたがゲストとして表示されます。',
  },
  networkPreferences: {
    legend: 'ネットワーク',
    automatic: 'ネットワークインターフェースを自動で選ぶ',
    automaticHint:
      'ルームは、このコンピュータがつながっているすべてのプライベートネットワークで告知・検索されます（VPN と仮想アダプタを除く）。自分で選ぶにはオフにしてください。',
    interfaces: 'ネットワークインターフェース',
    noAddress: 'IPv4 アドレスなし',
    vpn: 'VPN',
    virtual: '仮想アダプタ',
    notPrivate: 'プライベートネットワークではない',
    down: '切断',
    watched: '監視するアドレス',
    watchedHint:
      'ネットワークが告知を隠していても、これらのアドレスのルームは一覧に表示されます。30 秒ごとに問い合わせます。プライベートアドレスのみ、サブネットは /22 までです。',
    stopWatching: '{{target}} の監視をやめる',
    remove: '削除',
    watchLabel: '監視するアドレスまたはサブネット',
    watchPlaceholder: '{{address}} または {{subnet}}',
    watch: '監視',
    watchEmpty: 'アドレス（{{address}}）またはサブネット（{{subnet}}）を入力してください。',
    ports: '探す対象に加えるポート',
    portsPlaceholder: '例：{{ports}}',
    portsHint:
      '「詳しく探す」と監視するアドレスでは、常にポート {{port}} に問い合わせます。他のポートでホストされているルームのポートを追加してください。',
    portsInvalid: 'ポートは 1〜65535 の整数で、カンマで区切ります。',
  },
  doctor: {
    late: '実行時間の {{seconds}} 秒以内に終わりませんでした',
    lateFix: 'より長い --timeout で診断をもう一度実行してください。',
    crashed: 'チェック自体が失敗しました：{{reason}}',
    crashedFix: 'LAN Room の不具合です。このレポートを添えて報告してください。',
    interfacesOffline:
      'IPv4 アドレスを持つ有効なネットワークインターフェースがありません。このコンピュータはネットワークにつながっていません',
    interfacesOfflineFix: 'Wi-Fi に接続するか、ケーブルを差し込んでください。',
    interfacesNoneUsed: '有効なインターフェース（{{names}}）はどれもルームに使われていません',
    interfacesNoneUsedFix:
      '会いたい人がこれらのネットワークのどれか（パブリックアドレスのネットワークや、全員が参加している VPN）にいる場合は、設定 › ネットワーク › ネットワークインターフェースで選ぶか、コマンドラインで lanroom host --interface 名前 を指定してください。',
    interfacesLinkLocal:
      'ルームは {{names}} を使っていますが、自己割り当てアドレス（169.254.x.x）しかありません。ネットワークからアドレスが割り当てられていません',
    interfacesLinkLocalFix:
      'ルーターの DHCP が応答しませんでした。ネットワークに接続し直すか、ルーターを再起動してください。同じケーブルやスイッチにいる人とは引き続きルームを使えます。',
    interfacesOk: 'ルームは {{names}} で告知・検索されています',
    multicastNoInterface:
      'マルチキャストを送るインターフェースがありません。ルームに使われているインターフェースがありません（インターフェースのチェックを参照）',
    multicastNoInterfaceFix:
      'ネットワーク（Wi-Fi またはケーブル）に接続するか、設定 › ネットワーク › ネットワークインターフェースでインターフェースを選んでください（コマンドライン: lanroom host --interface 名前）。',
    multicastCannotListen:
      '戻ってくるのを聞くための UDP ポート {{port}} で待ち受けできません（{{reason}}）',
    multicastCannotListenFix:
      'mDNS ポートのチェックを見てください。別のプログラムがポートを占有しています。',
    multicastOk: 'mDNS クエリが {{names}} で戻ってきました',
    multicastOkOthers_other:
      'mDNS クエリが {{names}} で戻ってきました。ほかに {{count}} 台のデバイスが聞こえました',
    multicastLost:
      '自分の mDNS クエリが {{names}} で戻ってきませんでした。ここからはルームを見つけることも、見つけてもらうこともできません',
    multicastPartly: 'mDNS クエリは {{names}} では戻りましたが、{{lost}} では戻りませんでした',
    multicastMacPermissionFix:
      'macOS がこのアプリのローカルネットワークへのアクセスをブロックしています。システム設定 › プライバシーとセキュリティ › ローカルネットワークを開き、LAN Room をオンにしてください（`lanroom` の場合は、実行しているターミナルアプリ）。',
    multicastSendRefusedFix:
      'このコンピュータのファイアウォールがマルチキャスト（mDNS、UDP ポート 5353 から 224.0.0.251 へ）の送信を拒否しています。許可するか、アドレスまたはルームコードでルームに参加してください。',
    multicastCannotSendFix:
      'このインターフェースはマルチキャストを送れません。アドレスまたはルームコードでなら、ルームに参加できます。',
    multicastDroppedFix:
      'このコンピュータのファイアウォールが受信 mDNS（UDP ポート 5353、マルチキャスト 224.0.0.251）を破棄しています。許可してください（Linux：`sudo nft list ruleset` で drop ルールを探す。Windows：プライベートネットワークで LAN Room を許可する）。それまでは、アドレスまたはルームコードでルームに参加してください。',
    mdnsFree: '空き：UDP ポート {{port}} で待ち受けている他の mDNS レスポンダーはありません',
    mdnsForbidden: 'このプログラムは UDP ポート {{port}} で待ち受けできません（{{reason}}）',
    mdnsForbiddenFix:
      'セキュリティソフトかポリシーが、アプリによる mDNS ポートの使用を妨げています。LAN Room を許可してください。',
    mdnsOwnOnly: 'LAN Room 自身の検出だけが使用しており、他のレスポンダーとも共有できます：正常',
    mdnsSharedOwnLinux:
      '別の mDNS レスポンダーと共有しています{{who}}。LAN Room 自身の検出もその一つです。Linux では通常 avahi-daemon（または systemd-resolved）です：正常で、LAN Room はポートを共有しています（SO_REUSEADDR）。どちらもすべての mDNS メッセージを受け取ります。',
    mdnsSharedOwnMac:
      '別の mDNS レスポンダーと共有しています{{who}}。LAN Room 自身の検出もその一つです。macOS では常に動いている mDNSResponder です：正常で、LAN Room はポートを共有しています。',
    mdnsSharedOwnWindows:
      '別の mDNS レスポンダーと共有しています{{who}}。LAN Room 自身の検出もその一つです。Windows では通常 Windows 自身の mDNS（DNS Client サービス）か Bonjour です：正常で、LAN Room はポートを共有しています。',
    mdnsSharedOwnOther:
      '別の mDNS レスポンダーと共有しています{{who}}。LAN Room 自身の検出もその一つです。正常です：LAN Room はポートを共有しています。',
    mdnsHeld:
      '別のプログラムが UDP ポート {{port}} を占有しています{{who}}。LAN Room は mDNS を受け取れません（{{reason}}）',
    mdnsHeldFix:
      'そのプログラムを止めるか、ポートを共有するように設定してください（ほとんどの mDNS レスポンダーは共有します）。または、アドレスかルームコードでルームに参加してください。',
    firewallDropsMdnsIn:
      '{{source}}：受信 mDNS（UDP {{port}}）を破棄するルールがあります：{{rule}}',
    firewallDropsMdnsOut:
      '{{source}}：送信 mDNS（UDP {{port}}）を破棄するルールがあります：{{rule}}',
    firewallDropsHosted:
      '{{source}}：ここでホストしている TCP {{port}} のルームへの接続を破棄するルールがあります：{{rule}}',
    firewallDropsRooms:
      '{{source}}：TCP ポート {{port}} のルームへの接続を破棄するルールがあります：{{rule}}',
    firewallMayDrop_other:
      '{{source}}：{{count}} 件のルールが、インターフェースや送信元によっては LAN Room の通信を破棄する可能性があります',
    firewallOk: '{{source}}：mDNS と TCP ポート {{ports}} を破棄するルールはありません',
    firewallLinuxFix:
      'ファイアウォールで LAN Room のポートを許可してください：UDP 5353（mDNS）の送受信と、ルームの TCP ポート（既定は 47800）です。例：`sudo ufw allow 5353/udp` と `sudo ufw allow 47800/tcp`。または、表示されたルールを削除してください。',
    firewallUnreadable:
      'ファイアウォールのルールを読み取れませんでした（{{reason}}）。読み取りには root 権限が必要です。ルームが見つからない場合は、`sudo nft list ruleset` で UDP 5353 と TCP 47800 が破棄されていないか確認してください。',
    firewallWinBlocked:
      'Windows ファイアウォールのルールが LAN Room をブロックしています：{{rules}}',
    firewallWinBlockedFix:
      '「Windows セキュリティ › ファイアウォールとネットワーク保護 › ファイアウォールによるアプリケーションの許可」を開き、プライベート ネットワークで LAN Room を許可してください（またはブロックしているルールを削除してください）。',
    firewallWinPublic:
      'Windows は {{networks}} をパブリック ネットワークとして扱っており、そこでは LAN Room が許可されていません。あなたがホストするルームにほかの人が参加できず、ルームの検出もブロックされる可能性があります',
    firewallWinPublicFix:
      '信頼できるネットワークであれば、プライベートにしてください：設定 › ネットワークとインターネット › （お使いのネットワーク） › ネットワーク プロファイルの種類 › プライベート ネットワーク。その後、Windows に尋ねられたら LAN Room を許可してください。',
    firewallWinNotAllowed:
      '{{profiles}} ネットワークで LAN Room が接続を受け付けることを許可するファイアウォールのルールはまだありません',
    firewallWinNotAllowedFix:
      '初めてルームをホストするときに Windows が確認します。「許可」を選んでください（プライベート ネットワークで）。',
    firewallWinOff: '使用中のネットワークではファイアウォールがオフです',
    firewallWinAllowed: 'LAN Room は {{profiles}} ネットワークで許可されています',
    firewallWinUnreadable: 'Windows ファイアウォールを読み取れませんでした：{{reason}}',
    firewallMacBlockAll:
      'macOS のファイアウォールが外部からの接続をすべてブロックしています。あなたがホストするルームには誰も参加できません',
    firewallMacBlockAllFix:
      'システム設定 › ネットワーク › ファイアウォール › オプション：「外部からの接続をすべてブロック」をオフにしてください。',
    firewallMacAppBlocked:
      'macOS のファイアウォールが LAN Room への外部からの接続をブロックしています',
    firewallMacAppBlockedFix:
      'システム設定 › ネットワーク › ファイアウォール › オプション：LAN Room を「外部からの接続を許可」に設定してください。',
    firewallMacOn:
      'macOS のファイアウォールはオンで、LAN Room をブロックしていません。ローカルネットワークへのアクセス許可はほかのプログラムから読み取れません。マルチキャストのチェックが「No route to host」で失敗する場合は、システム設定 › プライバシーとセキュリティ › ローカルネットワークで LAN Room をオンにしてください。',
    firewallMacOff:
      'macOS のファイアウォールはオフです。ローカルネットワークへのアクセス許可はほかのプログラムから読み取れません。マルチキャストのチェックが「No route to host」で失敗する場合は、システム設定 › プライバシーとセキュリティ › ローカルネットワークで LAN Room をオンにしてください。',
    firewallMacUnreadable: 'macOS のファイアウォールを読み取れませんでした：{{reason}}',
    roomFixRefused:
      'そのポートで待ち受けているものがないか、ファイアウォールが接続を拒否しています。ルームがまだ開いていること、アドレスとポートがホストのアプリに表示されているものと同じであることを確認し、「ファイアウォール」のチェックも見てください。',
    roomFixDropped:
      'ルームへのパケットが途中で破棄されています。ホストのファイアウォール（Windows では、プライベート ネットワークで LAN Room を許可し、ネットワークをプライベートにします）、Wi-Fi のクライアント分離（ゲスト ネットワーク）、または VPN が原因です。「ファイアウォール」と「VPN」のチェックを見て、有線か同じ Wi-Fi ネットワークでお試しください。',
    roomFixUnreachable:
      'このコンピューターにはそのアドレスへの経路がありません。両方が同じネットワークにいることを確認してください。VPN が通信を横取りしている可能性があります（「VPN」のチェックを参照）。',
    roomFixNotTls:
      'そのポートで何かが応答していますが、LAN Room ではありません。ポートを確認してください（ホストのアプリに表示されています）。',
    roomFixNotRoom:
      'そのポートで何かが応答していますが、このバージョンの LAN Room ではありません。アドレスと、双方が同じバージョンの LAN Room を使っていることを確認してください。',
    roomFixCertificate:
      '確認コードをホストのアプリに表示されているものと比べてください。ホストが LAN Room を再インストールした場合は、ホストと確認したうえで一度参加し、新しいコードを信頼してください。そうでなければ参加しないでください。誰かがルームになりすましている可能性があります。',
    roomFixRoomCode:
      'コードが示すルームではありません。そのアドレスに別の誰かがいるか、ホストのアドレスが変わった可能性があります（その場合、`lanroom join CODE` は証明書をもとに近くのルームを探します）。ホストに、いまルームに表示されているルームコードを聞いてください。',
    roomFixWebsocket:
      'ルームは Web リクエストには応答しますが、チャットの接続を拒否しています。間にあるセキュリティソフトやプロキシが WebSocket をブロックしているか、ルームが満員か終了中です。ホストにルームの再起動を頼んでください。',
    roomFixHello:
      'ルームがあいさつを返しませんでした。過負荷か、終了中の可能性があります。もう一度試すか、ホストにルームの再起動を頼んでください。',
    roomFixTyped: '入力した内容を確認してください。',
    roomFixUnexpected: 'もう一度お試しください。解決しない場合は報告してください。',
    roomFixResolveName:
      'つづりを確認するか、ホストの IP アドレスを使ってください（ホストのアプリの「共有」に表示されています）。',
    roomFixResolveCode:
      'コードをホストのアプリに表示されているものと比べてください。文字を打ち間違えている可能性があります。',
    firewallUnsupported: '{{platform}} ではファイアウォールの読み取りに対応していません',
    vpnCaptured:
      'ローカルネットワーク {{network}} への通信が {{iface}} ではなく {{via}} から出ています。VPN が通信を奪っているため、近くの誰にも届きません',
    vpnCapturedFix:
      'VPN の「ローカルネットワークへのアクセスを許可」（または「LAN 共有」「スプリットトンネル」）オプションをオンにするか、LAN Room を使う間は VPN を切断してください。',
    vpnDefault:
      'デフォルトルートは VPN の {{via}} を通っています。ローカルネットワークには引き続き直接届きます',
    vpnDefaultFix:
      '通常は問題ありません。ルームが見つからない場合は、VPN がローカルのマルチキャストもブロックしている可能性があります。VPN の設定でローカルネットワークへのアクセスを許可するか、LAN Room を使う間は切断してください。',
    vpnOk: '通信を奪っている VPN はありません（デフォルトルート：{{via}}）',
    vpnOkAdapters:
      '通信を奪っている VPN はありません（デフォルトルート：{{via}}）。有効な仮想アダプタ：{{adapters}}（選ばない限りルームには使われません）',
    vpnOkUnreadable: 'デフォルトルートを読み取れませんでした',
    vpnOkUnreadableAdapters:
      'デフォルトルートを読み取れませんでした。有効な仮想アダプタ：{{adapters}}（選ばない限りルームには使われません）',
    roomNoTarget:
      'ルーム、コード、アドレスのいずれも指定されていません。指定すると、そこに届くまでの各ステップを確認できます',
    roomStepFailed: '{{step}} が失敗しました：{{reason}}',
    roomWarned: '{{room}} に参加できますが、{{warnings}}',
    roomPlainFix:
      'このルームは暗号化されていません。ネットワーク上の他の人が会話を読めます。--no-tls を付けずに起動するようホストに頼んでください。',
    roomOk: '{{room}} に参加できます：すべてのステップに成功しました',
  },
  doctorPanel: {
    intro:
      'このネットワークでルームが見つからない原因や参加できない原因を調べ、どうすればよいかを示します。',
    targetLabel: 'ルーム、コード、またはアドレス（任意）',
    targetHint: '一つのルームに届くまでの各ステップを確認できます。',
    checkAgain: 'もう一度確認',
    progress: '確認しています… {{total}} 件中 {{finished}} 件完了',
    nothingFailed: '失敗したチェックはありません。',
    failed_other: '{{count}} 件のチェックが失敗しました。対処法は下をご覧ください。',
    checks: 'チェック',
    checking: '確認中',
    checkingLong: '確認しています…',
    statusOk: 'OK',
    statusWarn: '警告',
    statusFail: '失敗',
    statusSkipped: 'スキップ',
    titleStatus: '{{title}}：{{status}}',
    steps: 'ステップ',
    whatToDo: '対処法：',
    details: '詳細',
    done: '完了',
    titleInterfaces: 'ネットワークインターフェース',
    titleMulticast: 'マルチキャストの戻り',
    titleMdnsPort: 'mDNS ポート 5353',
    titleFirewall: 'ファイアウォール',
    titleVpn: 'VPN と仮想アダプタ',
    titleRoom: 'ルーム',
  },
}

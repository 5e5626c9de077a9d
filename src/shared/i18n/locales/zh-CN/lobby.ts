import type { Catalogue } from '../en'

/**
 * The lobby: rooms nearby, hosting, joining by address, sharing, the doctor, network preferences,
 * certificates and verification codes, the guest join page.
 */
export const lobby: Catalogue = {
  lobby: {
    heading: '大厅',
    youAre: '你是 {{name}}',
    settings: '设置',
    suggestedRoom: '{{name}} 的房间',
    doctorTitle: '网络诊断',
  },
  roomList: {
    heading: '附近的房间',
    lookingForMore: '正在查找更多…',
    hostedBy: '房主：{{name}}',
    hostedByPeople_other: '房主：{{name}} · {{count}} 人',
    needsPassphrase: '需要口令',
    needsPassphraseHidden: '（需要口令）',
    yours: '你的',
    trustVerified: '已验证：是你之前信任过的证书',
    trustUnverified: '尚未验证：请与房主核对校验码',
    trustChanged: '自你上次加入后证书已更改',
    trustDowngraded: '你上次加入时已加密，现在未加密',
    trustPlain: '未加密',
    trustVerifiedHidden: '（已验证：是你之前信任过的证书）',
    badgeChanged: '证书已更改',
    badgeDowngraded: '已不再加密',
    badgePlain: '未加密',
    foundByScan: '通过扫描找到',
    foundByScanTitle: '未在网络上广播：是你深入查找或关注其地址时找到的',
    conflicting: '证书冲突',
    mismatch: '这个房间以多个证书广播：可能有人在冒充它。',
    verificationCode: '校验码 {{code}}',
    incompatible:
      '这个房间使用第 {{version}} 版协议，本应用使用第 {{ours}} 版。请更新较旧的那个应用。',
    cannotJoin: '无法加入这个房间。',
    join: '加入',
    joinRoom: '加入 {{name}}',
    joining: '正在加入…',
    joinDialogTitle: '加入“{{name}}”',
    askPassphrase: '这个房间需要口令。请向 {{name}} 索取。',
    wrongPassphrase: '口令错误',
    typePassphrase: '请输入房主给你的口令。',
    lookingForRooms: '正在查找房间…',
    lookingForRoomsText: '在此网络上创建的房间一经找到就会显示在这里。',
    cannotLook: '无法查找房间',
    unavailable: '此电脑无法查找附近的房间。',
    unavailableBecause: '无法查找附近的房间：{{reason}}',
    stillCanJoin: '你仍然可以通过地址加入房间。',
    stillLooking: '仍在查找…',
    noRoomYet: '此网络上还没有房间广播自己。LAN Room 会持续监听：新房间一启动就会立即显示在这里。',
    expectingOne:
      '在等某个房间？网络可能拦截了房间用来广播自己的消息：访客 Wi-Fi、VPN 和一些防火墙都会这样。“深入查找”会改为逐个询问附近的每个地址；你也可以向房主索取其房间中显示的房间码或地址。',
    macLocalNetwork:
      '在 Mac 上，LAN Room 还需要“本地网络”权限：系统设置 → 隐私与安全性 → 本地网络。',
    enterCode: '输入房间码或地址',
    checkNetwork: '检查网络',
  },
  lookHarder: {
    progress: '深入查找中：已询问 {{probed}}/{{total}} 个地址',
    progressFound: '深入查找中：已询问 {{probed}}/{{total}} 个地址，找到 {{found}} 个',
    cancel: '取消',
    nothingAnswered_other: '{{count}} 个地址都没有回应。',
    stopped: '已停止深入查找。',
    button: '深入查找',
    hint: '逐个询问你网络中的每个地址是否运行着房间。最多需要一分钟，且只在你要求时进行。',
  },
  hostForm: {
    title: '创建房间',
    intro: '此网络上的人会在“附近的房间”中看到它。',
    windowsFirewall:
      'Windows 可能会询问是否允许 LAN Room 使用你的网络。请为专用网络选择“允许”，以便其他人加入。如果你选了“取消”，请在 Windows 安全中心 → 防火墙中允许 LAN Room。',
    nameLabel: '房间名称',
    nameEmpty: '给房间起个名字，方便大家找到它。',
    passphraseLabel: '口令（可选）',
    passphraseHint: '只有你告诉过的人才能加入。口令不会离开这台电脑；其他人只需证明他们知道它。',
    starting: '正在启动…',
    submit: '创建房间',
  },
  joinByAddress: {
    title: '通过地址加入',
    hostedBy: '房主：{{name}}',
    verificationCode: '校验码：{{code}}',
    foundNearby: '已在附近找到：房间码中的地址（{{address}}）已不再以这个房间的身份应答。',
    codeVerified: '已验证：这个房间的证书正是房间码 {{code}} 所指的证书。',
    codeVerifiedReplaces:
      '已验证：这个房间的证书正是房间码 {{code}} 所指的证书；它取代了你上次加入时该房间使用的证书（校验码 {{pinned}}）。',
    downgraded:
      '你上次加入这个房间时它是加密的（校验码 {{pinned}}），现在却没有加密。可能有人在冒充它：加入前请先询问房主。',
    notEncrypted: '这个房间未加密：网络上的任何人都能读取内容。',
    samePin: '已验证：与你上次加入时的证书相同。',
    changedPin:
      '这不是你上次加入时该房间使用的证书（当时的校验码是 {{pinned}}）。继续之前，请问房主其房间显示的是哪个校验码。',
    compareCode: '请确认房主的房间显示的是同一个校验码。',
    back: '返回',
    join: '加入',
    joining: '正在加入…',
    intro: '即使房间没有显示也能用。房主可以在自己的房间中看到房间码和地址。',
    addressLabel: '房间码或地址',
    addressPlaceholder: '{{code}} 或 {{address}}',
    addressEmpty: '请输入房主在其房间中看到的房间码或地址，例如 {{address}}。',
    looking: '正在查找…',
    continue: '继续',
    findOutWhy: '查明原因',
  },
  joinRefusal: {
    wrongPassphrase: '口令错误',
    typePassphrase: '请输入房主给你的口令。',
  },
  retry: {
    seconds: '{{seconds}} 秒',
    minutes: '{{minutes}} 分钟',
    minutesSeconds: '{{minutes}} 分 {{seconds}} 秒',
    wait: '此电脑输错口令的次数过多。请在 {{wait}}后重试。',
    now: '输错口令的次数过多。现在可以重试了。',
  },
  shareAddresses: {
    copy: '复制',
    heading: '邀请他人',
    roomCode: '房间码',
    roomCodeSpelled: '房间码 {{code}}',
    copyRoomCode: '复制房间码',
    roomCodeHint:
      '念出来或发送给对方：在“通过地址加入”中输入后，它会找到这个房间并检查其证书，无需任何人核对校验码。',
    otherCodes: '此电脑其他网络的房间码',
    copyCodeFor: '复制 {{address}} 的房间码',
    fromBrowser: '通过浏览器加入',
    qrAlt: '通过浏览器加入的链接二维码',
    copyLink: '复制通过浏览器加入的链接',
    scanHint:
      '用手机相机扫描，或在此网络中的浏览器里打开链接。页面会显示房间的校验码，应为 {{code}}。',
    typeHint:
      '此网络上的人可以在“附近的房间”中找到这个房间。如果他们看不到，可以输入以下内容加入：',
    copyAddress: '复制 {{address}}',
    noAddress: '此电脑没有其他人可以访问的网络地址：只有使用这台电脑的人才能加入。',
    copied: '已复制 {{text}}',
  },
  certificateWarning: {
    thisRoom: '这个房间',
    quotedName: '“{{name}}”',
    titleDowngraded: '房间已不再加密',
    titleChanged: '房间的证书已更改',
    downgraded: '你上次加入时{{name}}是加密的，现在却没有加密，因此 LAN Room 没有连接。',
    changed: '{{name}}出示的不是你上次加入时的证书，因此 LAN Room 没有连接。',
    codeTrusted: '你信任的校验码',
    codeNow: '现在显示的校验码',
    downgradedAdvice:
      '网络上可能有人冒充这个房间，以读取你发送的内容。请当面或打电话问房主是否关闭了加密，在对方确认之前不要加入。',
    changedAdvice:
      '房主可能重装了 LAN Room 或换了电脑。但也可能是网络上有人在冒充这个房间。请问房主其房间显示的是哪个校验码（当面或打电话，不要在聊天中问），只有当它是 {{code}} 时才信任。',
    dontJoin: '不加入',
    joining: '正在加入…',
    trust: '信任新证书',
  },
  verificationCode: {
    spelled: '校验码 {{code}}',
    notEncrypted: '未加密',
  },
  guestJoin: {
    title: '加入这个房间',
    hostedBy: '房主：{{name}}',
    codeInLink: '你的链接中的校验码',
    none: '无',
    codeShown: '这个房间显示的校验码',
    notEncrypted: '这个房间未加密：网络上的任何人都能读取内容。',
    mismatch:
      '校验码不一致：这不是你的链接所对应的房间，或者它的证书后来已更改。加入前请向房主重新索取二维码。',
    match: '校验码一致：这正是你所打开的链接或二维码对应的房间。',
    compareCode: '加入前，请确认房主的房间显示的是同一个校验码。',
    join: '加入',
    joining: '正在加入…',
    tryAgain: '重试',
    looking: '正在查看房间…',
    warningTitle: '关于浏览器的警告',
    warningText:
      '打开此页面之前，你的浏览器可能提示连接“不是私密连接”或“不安全”。这在这里是正常的：房间会加密所有内容，但使用的是它自己生成、没有任何公司签名的证书，因此浏览器无法为它担保。',
    codeText:
      '判断是否为正确房间的依据是校验码。如果你链接中的校验码与房主屏幕上显示的一致，你连接的就是房主的房间。房间中的其他人会看到你被标记为访客。',
  },
  networkPreferences: {
    legend: '网络',
    automatic: '自动选择网络接口',
    automaticHint:
      '房间会在此电脑所在的每个专用网络上广播和查找，VPN 和虚拟网卡除外。关闭此项即可自行选择。',
    interfaces: '网络接口',
    noAddress: '无 IPv4 地址',
    vpn: 'VPN',
    virtual: '虚拟网卡',
    notPrivate: '非专用网络',
    down: '未连接',
    watched: '关注的地址',
    watchedHint:
      '即使网络隐藏了这些地址上房间的广播，它们也会被列出：每半分钟询问一次。仅限专用地址；子网最大为 /22。',
    stopWatching: '停止关注 {{target}}',
    remove: '移除',
    watchLabel: '要关注的地址或子网',
    watchPlaceholder: '{{address}} 或 {{subnet}}',
    watch: '关注',
    watchEmpty: '请输入地址（{{address}}）或子网（{{subnet}}）。',
    ports: '要查找的其他端口',
    portsPlaceholder: '例如 {{ports}}',
    portsHint: '深入查找和关注的地址总会询问端口 {{port}}；请添加在其他端口上创建的房间的端口。',
    portsInvalid: '端口是 1 到 65535 之间的整数，用逗号分隔。',
  },
  doctor: {
    late: '未能在本次运行的 {{seconds}} 秒内完成',
    lateFix: '请使用更长的 --timeout 重新运行诊断。',
    crashed: '检查本身失败了：{{reason}}',
    crashedFix: '这是 LAN Room 的缺陷；请附上本报告进行反馈。',
    interfacesOffline: '没有已连接且带 IPv4 地址的网络接口：这台电脑不在任何网络上',
    interfacesOfflineFix: '请连接 Wi-Fi 或插上网线。',
    interfacesNoneUsed: '已连接的接口（{{names}}）都没有用于房间',
    interfacesNoneUsedFix:
      '如果你想见的人在其中某个网络上（使用公网地址的网络，或所有人都在的 VPN），请在“设置 › 网络 › 网络接口”中选择它，或在命令行中使用 lanroom host --interface 名称。',
    interfacesLinkLocal:
      '房间使用 {{names}}，但它只有自分配地址（169.254.x.x）：网络没有为它分配地址',
    interfacesLinkLocalFix:
      '路由器的 DHCP 没有应答：请重新连接网络或重启路由器。与同一网线或交换机上的人仍可使用房间。',
    interfacesOk: '房间在 {{names}} 上广播和查找',
    multicastNoInterface: '没有可发送组播的接口：没有用于房间的接口（见接口检查）',
    multicastNoInterfaceFix:
      '请连接网络（Wi-Fi 或网线），或在“设置 › 网络 › 网络接口”中选择接口（命令行：lanroom host --interface 名称）。',
    multicastCannotListen: '无法监听 UDP 端口 {{port}} 来接收回传（{{reason}}）',
    multicastCannotListenFix: '请查看 mDNS 端口检查：另一个程序独占了该端口。',
    multicastOk: '我们的 mDNS 查询已从 {{names}} 返回',
    multicastOkOthers_other: '我们的 mDNS 查询已从 {{names}} 返回，并听到了 {{count}} 台其他设备',
    multicastLost: '我们自己的 mDNS 查询没有从 {{names}} 返回：从这里无法找到房间，也无法被看到',
    multicastPartly: '我们的 mDNS 查询从 {{names}} 返回了，但没有从 {{lost}} 返回',
    multicastMacPermissionFix:
      'macOS 阻止此应用访问本地网络：请打开“系统设置 › 隐私与安全性 › 本地网络”并开启 LAN Room（对于 `lanroom`，开启你运行它的终端应用）。',
    multicastSendRefusedFix:
      '此电脑上的防火墙拒绝发送组播（mDNS，UDP 端口 5353，发往 224.0.0.251）：请允许它，或通过地址或房间码加入房间。',
    multicastCannotSendFix: '此接口无法发送组播；仍可通过地址或房间码加入房间。',
    multicastDroppedFix:
      '此电脑上的防火墙丢弃了传入的 mDNS（UDP 端口 5353，组播 224.0.0.251）：请允许它（Linux：在 `sudo nft list ruleset` 中查找丢弃规则；Windows：在专用网络上允许 LAN Room）。在此之前，请通过地址或房间码加入房间。',
    mdnsFree: '空闲：没有其他 mDNS 响应程序在监听 UDP 端口 {{port}}',
    mdnsForbidden: '此程序无权监听 UDP 端口 {{port}}（{{reason}}）',
    mdnsForbiddenFix: '安全软件或策略阻止此应用使用 mDNS 端口：请允许 LAN Room。',
    mdnsOwnOnly: '仅由 LAN Room 自己的发现功能使用，可与其他响应程序共享：正常',
    mdnsSharedOwnLinux:
      '与另一个 mDNS 响应程序共享{{who}}。LAN Room 自己的发现功能是其中之一。在 Linux 上通常是 avahi-daemon（或 systemd-resolved）：这是正常的，LAN Room 与它共享端口（SO_REUSEADDR），双方都能收到每条 mDNS 消息。',
    mdnsSharedOwnMac:
      '与另一个 mDNS 响应程序共享{{who}}。LAN Room 自己的发现功能是其中之一。在 macOS 上是始终运行的 mDNSResponder：这是正常的，LAN Room 会共享该端口。',
    mdnsSharedOwnWindows:
      '与另一个 mDNS 响应程序共享{{who}}。LAN Room 自己的发现功能是其中之一。在 Windows 上通常是 Windows 自带的 mDNS（DNS Client 服务）或 Bonjour：这是正常的，LAN Room 会共享该端口。',
    mdnsSharedOwnOther:
      '与另一个 mDNS 响应程序共享{{who}}。LAN Room 自己的发现功能是其中之一。这是正常的：LAN Room 会共享该端口。',
    mdnsHeld: '另一个程序独占了 UDP 端口 {{port}}{{who}}：LAN Room 无法接收 mDNS（{{reason}}）',
    mdnsHeldFix:
      '请停止该程序或将其配置为共享端口（大多数 mDNS 响应程序都会共享），或通过地址或房间码加入房间。',
    firewallDropsMdnsIn: '{{source}}：有规则丢弃传入的 mDNS（UDP {{port}}）：{{rule}}',
    firewallDropsMdnsOut: '{{source}}：有规则丢弃传出的 mDNS（UDP {{port}}）：{{rule}}',
    firewallDropsHosted: '{{source}}：有规则丢弃到本机 TCP {{port}} 上房间的连接：{{rule}}',
    firewallDropsRooms: '{{source}}：有规则丢弃到 TCP 端口 {{port}} 上房间的连接：{{rule}}',
    firewallMayDrop_other:
      '{{source}}：有 {{count}} 条规则可能丢弃 LAN Room 的流量，取决于接口或来源',
    firewallOk: '{{source}}：没有规则丢弃 mDNS 或 TCP 端口 {{ports}}',
    firewallLinuxFix:
      '请在防火墙中允许 LAN Room 的端口：UDP 5353（mDNS）的传入和传出，以及房间的 TCP 端口（默认 47800），例如 `sudo ufw allow 5353/udp` 和 `sudo ufw allow 47800/tcp`；或删除显示的规则。',
    firewallUnreadable:
      '无法读取防火墙规则（{{reason}}）：需要 root 权限。如果找不到房间，请用 `sudo nft list ruleset` 检查 UDP 5353 和 TCP 47800 没有被丢弃。',
    firewallWinBlocked: '一条 Windows 防火墙规则阻止了 LAN Room：{{rules}}',
    firewallWinBlockedFix:
      '打开“Windows 安全中心 › 防火墙和网络保护 › 允许应用通过防火墙”，在专用网络上允许 LAN Room（或删除阻止它的规则）。',
    firewallWinPublic:
      'Windows 将 {{networks}} 视为公用网络，LAN Room 在其中不被允许：别人无法加入你创建的房间，发现房间也可能被阻止',
    firewallWinPublicFix:
      '如果你信任这个网络，请将其设为专用：设置 › 网络和 Internet › （你的网络） › 网络配置文件类型 › 专用网络。然后在 Windows 询问时允许 LAN Room。',
    firewallWinNotAllowed: '目前还没有防火墙规则允许 LAN Room 在 {{profiles}} 网络上接受连接',
    firewallWinNotAllowedFix: '你第一次创建房间时，Windows 会询问：请选择“允许”（在专用网络上）。',
    firewallWinOff: '所用网络的防火墙已关闭',
    firewallWinAllowed: 'LAN Room 在 {{profiles}} 网络上已被允许',
    firewallWinUnreadable: '无法读取 Windows 防火墙：{{reason}}',
    firewallMacBlockAll: 'macOS 防火墙阻止所有传入连接：没有人能加入你创建的房间',
    firewallMacBlockAllFix: '系统设置 › 网络 › 防火墙 › 选项：关闭“阻止所有传入连接”。',
    firewallMacAppBlocked: 'macOS 防火墙阻止了到 LAN Room 的传入连接',
    firewallMacAppBlockedFix: '系统设置 › 网络 › 防火墙 › 选项：将 LAN Room 设为“允许传入连接”。',
    firewallMacOn:
      'macOS 防火墙已开启，且未阻止 LAN Room。其他程序无法读取本地网络权限：如果多播检查失败并显示“No route to host”，请在系统设置 › 隐私与安全性 › 本地网络中开启 LAN Room。',
    firewallMacOff:
      'macOS 防火墙已关闭。其他程序无法读取本地网络权限：如果多播检查失败并显示“No route to host”，请在系统设置 › 隐私与安全性 › 本地网络中开启 LAN Room。',
    firewallMacUnreadable: '无法读取 macOS 防火墙：{{reason}}',
    roomFixRefused:
      '该端口上没有程序在监听，或防火墙拒绝了连接：请确认房间仍然开着、地址和端口与房主应用显示的一致，并查看“防火墙”检查。',
    roomFixDropped:
      '发往房间的数据包在途中丢失：可能是房主的防火墙（在 Windows 上，请在专用网络上允许 LAN Room 并将网络设为专用）、Wi-Fi 客户端隔离（访客网络）或 VPN。请查看“防火墙”和“VPN”检查；试试有线网络或同一个 Wi-Fi 网络。',
    roomFixUnreachable:
      '这台电脑没有通往该地址的路由：请确认双方在同一网络中；VPN 可能正在截获流量（参见“VPN”检查）。',
    roomFixNotTls: '该端口上有程序应答，但不是 LAN Room：请检查端口（房主的应用会显示）。',
    roomFixNotRoom:
      '该端口上有程序应答，但不是此版本的 LAN Room：请检查地址，并确认双方使用相同版本的 LAN Room。',
    roomFixCertificate:
      '请将校验码与房主应用显示的校验码对比。如果房主重新安装了 LAN Room，请在与房主核对后加入一次并信任新的校验码；否则请不要加入：可能有人在冒充这个房间。',
    roomFixRoomCode:
      '这不是房间码所指的房间：可能是别人在使用该地址，或者房主的地址变了（此时 `lanroom join CODE` 会按证书在附近查找房间）。请向房主索取其房间现在显示的房间码。',
    roomFixWebsocket:
      '房间响应网页请求，但拒绝了聊天连接：你们之间的安全软件或代理可能拦截了 WebSocket，或者房间已满或正在关闭。请让房主重启房间。',
    roomFixHello: '房间没有发出问候：它可能负载过重或正在关闭。请重试，或让房主重启房间。',
    roomFixTyped: '请检查你输入的内容。',
    roomFixUnexpected: '请重试；如果问题仍然存在，请报告。',
    roomFixResolveName: '请检查拼写，或使用房主的 IP 地址（房主的应用在“分享”下显示）。',
    roomFixResolveCode: '请将房间码与房主应用显示的房间码对比：可能有字符输错了。',
    firewallUnsupported: '不支持在 {{platform}} 上读取防火墙',
    vpnCaptured:
      '发往本地网络 {{network}} 的流量经由 {{via}} 而不是 {{iface}} 发出：VPN 截获了它，因此无法连接附近的任何人',
    vpnCapturedFix:
      '请在 VPN 中开启“允许访问本地网络”（或“局域网共享”“分离隧道”）选项，或在使用 LAN Room 时断开 VPN。',
    vpnDefault: '默认路由经由 VPN {{via}}：本地网络仍可直接访问',
    vpnDefaultFix:
      '通常没有问题。如果找不到房间，VPN 可能还拦截了本地组播：请在其设置中允许访问本地网络，或在使用 LAN Room 时断开它。',
    vpnOk: '没有 VPN 截获流量（默认路由：{{via}}）',
    vpnOkAdapters:
      '没有 VPN 截获流量（默认路由：{{via}}）；已启用的虚拟网卡：{{adapters}}（除非选中，否则不用于房间）',
    vpnOkUnreadable: '无法读取默认路由',
    vpnOkUnreadableAdapters:
      '无法读取默认路由；已启用的虚拟网卡：{{adapters}}（除非选中，否则不用于房间）',
    roomNoTarget: '未指定房间、房间码或地址：指定一个即可查看连接它的每个步骤',
    roomStepFailed: '{{step}} 失败：{{reason}}',
    roomWarned: '可以加入 {{room}}，但 {{warnings}}',
    roomPlainFix: '该房间未加密：网络上的其他人可以读取对话内容。请让房主不带 --no-tls 启动房间。',
    roomOk: '可以加入 {{room}}：所有步骤均已通过',
  },
  doctorPanel: {
    intro: '检查是什么导致在此网络上无法找到或加入房间，并告诉你该怎么办。',
    targetLabel: '房间、房间码或地址（可选）',
    targetHint: '用于查看连接某个房间的每个步骤。',
    checkAgain: '重新检查',
    progress: '正在检查… 已完成 {{finished}}/{{total}}',
    nothingFailed: '没有检查失败。',
    failed_other: '{{count}} 项检查失败：请查看下方的处理方法。',
    checks: '检查项',
    checking: '正在检查',
    checkingLong: '正在检查…',
    statusOk: '正常',
    statusWarn: '警告',
    statusFail: '失败',
    statusSkipped: '已跳过',
    titleStatus: '{{title}}：{{status}}',
    steps: '步骤',
    whatToDo: '处理方法：',
    details: '详细信息',
    done: '完成',
    titleInterfaces: '网络接口',
    titleMulticast: '组播能否返回',
    titleMdnsPort: 'mDNS 端口 5353',
    titleFirewall: '防火墙',
    titleVpn: 'VPN 和虚拟网卡',
    titleRoom: '房间',
  },
}

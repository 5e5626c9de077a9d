import type { Catalogue } from '../en'

/**
 * The settings dialog and its pages, preferences, confirmation dialogs, the passphrase field, the
 * update notice; and the window's own text (its title, the start screen).
 */
export const settings: Catalogue = {
  app: {
    lobbyTitle: '大厅 — LAN Room',
    roomTitle: '{{room}} — LAN Room',
    roomTitleUnread: '({{unread, number}}) {{room}} — LAN Room',
    couldNotStart: 'LAN Room 无法启动',
    starting: '正在启动',
    linkWaiting: '收到一个加入 {{target}} 的链接。离开 {{room}} 后，可在“通过地址加入”中查看。',
  },
  settingsDialog: {
    title: '设置',
  },
  preferencesForm: {
    profile: '个人资料',
    saveName: '保存名称',
    saved: '已保存。',
    savedInRoom: '已保存。房间里的人会看到你的新名称。',
    privacy: '隐私与输入',
    readReceipts: '发送已读回执',
    readReceiptsHint:
      '你读过别人的消息后，对方会在消息下看到“已读”。关闭后，你的阅读进度永远不会被发送。',
    spellcheck: '输入时检查拼写',
    spellcheckHint: '拼错的词会在消息框中加下划线；右键单击可查看建议。',
    spellcheckMac: 'macOS 会自行检查拼写。',
    spellcheckDownload:
      '词典从 Google 的服务器下载，每种语言一次（你输入的内容永远不会被发送）。关闭后不会下载任何内容。',
    files: '文件',
    troubleshooting: '故障排除',
    doctorHint: '房间没有显示，或无法加入？网络诊断会查明原因。',
    doctor: '网络诊断…',
    done: '完成',
  },
  settingsNotifications: {
    title: '通知',
    hint: '在 LAN Room 窗口不在最前面时显示。',
    notifyAbout: '通知我',
    all: '所有消息',
    mentions: '仅提及我的消息',
    mentionsHint: '以及 @room',
    none: '不通知',
    showText: '在通知中显示消息内容',
    showTextHint: '关闭时：通知只显示是谁发的消息（“来自 Ada 的新消息”），适合他人能看到的屏幕。',
    sounds: '通知时播放提示音',
    mute: '将 {{room}} 设为免打扰',
    muteHint: '免打扰的房间只在有人提及你（或 @room）时通知你。',
  },
  settingsHosting: {
    title: '创建房间',
    allowGuests: '允许通过浏览器加入',
    allowGuestsHint:
      '你的房间会显示一个二维码和一个链接，无需安装应用即可在手机或电脑的浏览器中打开。这些人会被标记为访客。关闭后，浏览器将被拒绝，包括你正在主持的房间；使用应用的人不受影响。',
  },
  settingsStartup: {
    title: '启动',
    atLogin: '登录时启动 LAN Room',
    atLoginHintTray: '它会在系统托盘中启动，不打开窗口，这样房间和消息一来你就能看到。',
    atLoginHintMenuBar: '它会在菜单栏中启动，不打开窗口，这样房间和消息一来你就能看到。',
  },
  settingsUpdates: {
    title: '更新',
    version: 'LAN Room {{version}}',
    packageManager: '更新由系统的软件包管理器提供。',
    development: '这是开发版本或测试运行：不会检查更新。',
    unsupported: '此 LAN Room 副本无法自行更新：请按安装此版本的方式安装新版本。',
    automatic: '自动检查更新',
    automaticHint:
      '启动时以及每隔几小时，LAN Room 会向 GitHub 查询新版本并在后台下载。它绝不会自行重启。',
    checking: '正在检查更新…',
    downloading: '正在下载版本 {{version}}：{{percent}}%',
    ready: '版本 {{version}} 已就绪：重启 LAN Room 即可安装。',
    upToDate: 'LAN Room 已是最新版本。',
    failed: '检查更新失败。',
    lastChecked: '上次检查：{{when}}。',
    checkingShort: '正在检查…',
    checkNow: '立即检查',
  },
  downloadFolder: {
    label: '下载文件夹',
    systemFolder: '你的“下载”文件夹',
    change: '更改…',
    hint: '你从房间下载的文件会保存在这里。除非你要求，否则不会下载任何内容。',
  },
  confirmDialog: {
    working: '正在处理…',
  },
  passphraseField: {
    label: '口令',
    show: '显示',
    hide: '隐藏',
  },
  updateNotice: {
    downloading: '正在下载 LAN Room {{version}}…',
    progressLabel: '更新下载',
    percent: '{{percent}}%',
    ready: 'LAN Room {{version}} 已就绪',
    installed: '重启 LAN Room 时安装。',
    installedHosting: '重启 LAN Room 时安装，这会结束你主持的房间。',
    releaseNotes: '更新说明',
    hideReleaseNotes: '隐藏更新说明',
    later: '稍后',
    restarting: '正在重启…',
    restart: '重启以更新',
    confirmTitle: '重启以更新？',
    confirmNamed:
      '你是“{{room}}”的房主。重启会为房间里的所有人结束这个房间；你再次创建后，他们可以重新加入。',
    confirmUnnamed:
      '你是一个房间的房主。重启会为房间里的所有人结束这个房间；你再次创建后，他们可以重新加入。',
    confirmLabel: '结束房间并重启',
  },
}

import type { Catalogue } from '../en'

/**
 * The composer and files: attachments, the file tray and cards, drop zone, transfers, the image
 * lightbox, code blocks.
 */
export const composer: Catalogue = {
  composer: {
    replyingTo: '回复 {{name}}',
    cancelReply: '取消回复',
    cancelReplyTitle: '取消回复（Esc）',
    mentionList: '提及某人',
    mentionRoom: '通知房间里的所有人',
    insertEmoji: '插入表情',
    label: '消息',
    placeholder: '发消息到 {{room}}',
    notConnected: '未连接',
    emoji: '表情',
    send: '发送',
    keys: '按 {{enter}} 发送，按 {{shift}} + {{enter}} 换行',
    keyEnter: 'Enter',
    keyShift: 'Shift',
  },
  lengthHint: {
    over_other: '超出 {{count, number}} 个字符',
    tooBig: '内容太长，无法作为一条消息发送',
    count: '{{length, number}} / {{max, number}}',
  },
  unsent: {
    warning_other: '你写的 {{count, number}} 条消息尚未发送。如果现在离开，这些消息将会丢失。',
  },
  attachButton: {
    label: '添加附件',
  },
  fileTray: {
    list: '待发送的文件',
    remove: '移除 {{name}}',
    removeTitle: '移除',
    preparing: '正在准备文件…',
    folders: '无法共享文件夹：请拖入其中的文件，或文件夹的 zip 压缩包。',
    tooMany_other: '一条消息最多包含 {{count}} 个文件。',
  },
  dropZone: {
    title: '松开即可分享到 {{room}}',
    hint: '发送前可以添加说明文字。',
    refusedTitle: '此房间不接收文件',
    refusedHint: '房主关闭了文件共享，或使用的是旧版本。',
  },
  droppedFiles: {
    pastedImage: '粘贴的图片 {{date}} {{time}}',
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
    preparing: '正在准备…',
    verifying: '正在校验…',
    checking: '房间正在检查文件…',
    sending: '正在发送…',
    paused: '正在等待房间… {{done}} / {{size}}',
    progress: '{{done}} / {{size}}',
    tooLarge: '“{{name}}”大小为 {{size}}：此房间接收的文件最大为 {{max}}。',
  },
  fileCard: {
    viewTitle: '查看原图',
    downloadAndViewTitle: '下载并查看原图',
    view: '查看 {{name}} 原图',
    program: '程序（.{{extension}}）',
    gone: '已不在房间中',
    verified: '已校验',
    verifiedTitle: '已下载；其 SHA-256 与发送者声明的一致',
    failed: '下载失败',
    failedWith: '下载失败：{{reason}}',
    sendingProgress: '正在发送 {{name}}',
    downloadingProgress: '正在下载 {{name}}',
    cancel: '取消',
    cancelSending: '取消发送 {{name}}',
    cancelDownload: '取消下载 {{name}}',
    expired: '已过期',
    save: '保存',
    saveNamed: '保存 {{name}}',
    open: '打开',
    openNamed: '打开 {{name}}',
    showInFolder: '在文件夹中显示',
    retry: '重试',
    retryNamed: '重新下载 {{name}}',
    download: '下载',
    downloadNamed: '下载 {{name}}',
    saveTitle: '保存“{{name}}”？',
    openTitle: '打开“{{name}}”？',
    saveProgram:
      '此文件是一个程序。保存后打开它，它会以你的权限运行，能做你能做的任何事。只有在你信任分享它的 {{sender}}，并且正在等这个文件时，才保存它。',
    openProgram:
      '此文件是一个程序。打开它会以你的权限在这台电脑上运行，它能做你能做的任何事。只有在你信任分享它的 {{sender}}，并且正在等这个文件时，才打开它。',
    saveAnyway: '仍然保存',
    openAnyway: '仍然打开',
  },
  lightbox: {
    close: '关闭',
    closeTitle: '关闭（Esc）',
    loading: '正在加载',
  },
  codeBlock: {
    copy: '复制',
    copyCode: '复制代码',
    copied: '代码已复制',
  },
}

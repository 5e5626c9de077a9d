import type { Catalogue } from './en'

/** Simplified Chinese: full-width punctuation, a space between Chinese and Latin text or
 * numbers; see docs/i18n.md. */
export const zhCN: Catalogue = {
  common: {
    cancel: '取消',
    saving: '正在保存…',
  },
  welcome: {
    heading: '欢迎使用 LAN Room',
    intro: '与本地网络中的人聊天：无需账号，无需云端。首先，请选择其他人会看到的名字。',
    continue: '继续',
  },
  nameForm: {
    label: '显示名称',
    hint_other: '显示在你的消息旁边和成员列表中。最多 {{count}} 个字符。',
    empty: '请输入名字，让大家知道是谁在说话。',
  },
}

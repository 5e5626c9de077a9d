import type { Catalogue } from '../en'

/** The first run: the welcome screen and the name form. */
export const onboarding: Catalogue = {
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

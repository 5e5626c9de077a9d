import type { Catalogue } from '../en'

/** The first run: the welcome screen and the name form. */
export const onboarding: Catalogue = {
  common: {
    cancel: 'キャンセル',
    saving: '保存中…',
  },
  welcome: {
    heading: 'LAN Room へようこそ',
    intro:
      'ローカルネットワーク上の人とチャットできます。アカウントもクラウドも必要ありません。まず、ほかの人に表示される名前を決めてください。',
    continue: '続ける',
  },
  nameForm: {
    label: '表示名',
    hint_other: 'メッセージの横と参加者リストに表示されます。最大 {{count}} 文字です。',
    empty: '誰が話しているか分かるように、名前を入力してください。',
  },
}

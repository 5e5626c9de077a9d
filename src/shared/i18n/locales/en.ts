/**
 * English, the source catalogue: every other language has the same keys (i18n.test.ts checks
 * it, with the plural forms each language needs). Keys are grouped by screen; a plural is a key
 * with `_one`/`_other` (and whatever other forms a language has: Intl.PluralRules names them).
 */
export const en = {
  common: {
    cancel: 'Cancel',
    saving: 'Saving…',
  },
  welcome: {
    heading: 'Welcome to LAN Room',
    intro:
      'Chat with the people on your local network: no account, no cloud. First, choose the name others will see.',
    continue: 'Continue',
  },
  nameForm: {
    label: 'Display name',
    hint_one: 'Shown next to your messages and in the list of people. Up to {{count}} character.',
    hint_other:
      'Shown next to your messages and in the list of people. Up to {{count}} characters.',
    empty: 'Type a name, so that people know who is talking.',
  },
}

/** The shape every catalogue has: the same groups, strings for leaves. */
export type Catalogue = { [group: string]: { [key: string]: string } }

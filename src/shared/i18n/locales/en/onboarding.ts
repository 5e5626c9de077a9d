/** The first run: the welcome screen and the name form. */
export const onboarding = {
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

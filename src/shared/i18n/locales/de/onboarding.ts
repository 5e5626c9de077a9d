import type { Catalogue } from '../en'

/** The first run: the welcome screen and the name form. */
export const onboarding: Catalogue = {
  common: {
    cancel: 'Abbrechen',
    saving: 'Wird gespeichert…',
  },
  welcome: {
    heading: 'Willkommen bei LAN Room',
    intro:
      'Chatte mit den Menschen in deinem lokalen Netzwerk – ohne Konto, ohne Cloud. Wähle zuerst den Namen, den die anderen sehen.',
    continue: 'Weiter',
  },
  nameForm: {
    label: 'Anzeigename',
    hint_one: 'Steht neben deinen Nachrichten und in der Personenliste. Bis zu {{count}} Zeichen.',
    hint_other:
      'Steht neben deinen Nachrichten und in der Personenliste. Bis zu {{count}} Zeichen.',
    empty: 'Gib einen Namen ein, damit alle wissen, wer schreibt.',
  },
}

import type { Catalogue } from '../en'

/** The first run: the welcome screen and the name form. */
export const onboarding: Catalogue = {
  common: {
    cancel: 'Annuler',
    saving: 'Enregistrement…',
  },
  welcome: {
    heading: 'Bienvenue dans LAN Room',
    intro:
      'Discutez avec les personnes de votre réseau local\u202f: sans compte, sans cloud. Choisissez d’abord le nom que les autres verront.',
    continue: 'Continuer',
  },
  nameForm: {
    label: 'Nom affiché',
    hint_one:
      'Affiché à côté de vos messages et dans la liste des personnes. {{count}}\u00a0caractère au maximum.',
    hint_many:
      'Affiché à côté de vos messages et dans la liste des personnes. {{count}}\u00a0caractères au maximum.',
    hint_other:
      'Affiché à côté de vos messages et dans la liste des personnes. {{count}}\u00a0caractères au maximum.',
    empty: 'Saisissez un nom pour que chacun sache qui parle.',
  },
}

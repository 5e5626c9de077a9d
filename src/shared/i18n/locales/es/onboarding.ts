import type { Catalogue } from '../en'

/** The first run: the welcome screen and the name form. */
export const onboarding: Catalogue = {
  common: {
    cancel: 'Cancelar',
    saving: 'Guardando…',
  },
  welcome: {
    heading: 'Te damos la bienvenida a LAN Room',
    intro:
      'Chatea con las personas de tu red local: sin cuenta, sin nube. Primero, elige el nombre que verán los demás.',
    continue: 'Continuar',
  },
  nameForm: {
    label: 'Nombre visible',
    hint_one: 'Aparece junto a tus mensajes y en la lista de personas. Hasta {{count}} carácter.',
    hint_many:
      'Aparece junto a tus mensajes y en la lista de personas. Hasta {{count}} caracteres.',
    hint_other:
      'Aparece junto a tus mensajes y en la lista de personas. Hasta {{count}} caracteres.',
    empty: 'Escribe un nombre para que la gente sepa quién habla.',
  },
}

import type { Catalogue } from '../en'

/** The first run: the welcome screen and the name form. */
export const onboarding: Catalogue = {
  common: {
    cancel: 'Cancelar',
    saving: 'Salvando…',
  },
  welcome: {
    heading: 'Boas-vindas ao LAN Room',
    intro:
      'Converse com as pessoas da sua rede local: sem conta, sem nuvem. Primeiro, escolha o nome que os outros vão ver.',
    continue: 'Continuar',
  },
  nameForm: {
    label: 'Nome de exibição',
    hint_one: 'Aparece ao lado das suas mensagens e na lista de pessoas. Até {{count}} caractere.',
    hint_many:
      'Aparece ao lado das suas mensagens e na lista de pessoas. Até {{count}} caracteres.',
    hint_other:
      'Aparece ao lado das suas mensagens e na lista de pessoas. Até {{count}} caracteres.',
    empty: 'Digite um nome para que as pessoas saibam quem está falando.',
  },
}

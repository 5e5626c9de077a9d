import type { Catalogue } from '../en'

/** The first run: the welcome screen and the name form. */
export const onboarding: Catalogue = {
  common: {
    cancel: 'إلغاء',
    saving: 'جارٍ الحفظ…',
  },
  welcome: {
    heading: 'مرحبًا بك في LAN Room',
    intro:
      'تحدّث مع الأشخاص على شبكتك المحلية: بلا حساب وبلا سحابة. أولًا، اختر الاسم الذي سيراه الآخرون.',
    continue: 'متابعة',
  },
  nameForm: {
    label: 'الاسم المعروض',
    hint_zero: 'يظهر بجانب رسائلك وفي قائمة الأشخاص. حتى {{count}} حرف.',
    hint_one: 'يظهر بجانب رسائلك وفي قائمة الأشخاص. حتى حرف واحد.',
    hint_two: 'يظهر بجانب رسائلك وفي قائمة الأشخاص. حتى حرفين.',
    hint_few: 'يظهر بجانب رسائلك وفي قائمة الأشخاص. حتى {{count}} أحرف.',
    hint_many: 'يظهر بجانب رسائلك وفي قائمة الأشخاص. حتى {{count}} حرفًا.',
    hint_other: 'يظهر بجانب رسائلك وفي قائمة الأشخاص. حتى {{count}} حرف.',
    empty: 'اكتب اسمًا ليعرف الآخرون من يتحدث.',
  },
}

import type { Catalogue } from '../en'

/**
 * The settings dialog and its pages, preferences, confirmation dialogs, the passphrase field, the
 * update notice; and the window's own text (its title, the start screen).
 */
export const settings: Catalogue = {
  app: {
    lobbyTitle: 'الردهة — LAN Room',
    roomTitle: '{{room}} — LAN Room',
    roomTitleUnread: '({{unread, number}}) {{room}} — LAN Room',
    couldNotStart: 'تعذّر تشغيل LAN Room',
    starting: 'جارٍ التشغيل',
    linkWaiting:
      'وصل رابط للانضمام إلى {{target}}. غادر {{room}} لتجده ضمن «الانضمام عبر العنوان».',
  },
  settingsDialog: {
    title: 'الإعدادات',
  },
  preferencesForm: {
    profile: 'الملف الشخصي',
    saveName: 'حفظ الاسم',
    saved: 'تم الحفظ.',
    savedInRoom: 'تم الحفظ. تظهر الغرفة اسمك الجديد.',
    privacy: 'الخصوصية والكتابة',
    readReceipts: 'إرسال إشعارات القراءة',
    readReceiptsHint:
      'يرى الآخرون «شاهدها» على رسائلهم بعد أن تقرأها. إذا أوقفت هذا الخيار، فلن يُرسل أبدًا إلى أين وصلت في القراءة.',
    spellcheck: 'التدقيق الإملائي أثناء الكتابة',
    spellcheckHint:
      'توضع خطوط تحت الكلمات الخاطئة في مربع الرسالة؛ انقر بزر الفأرة الأيمن على إحداها لعرض الاقتراحات.',
    spellcheckMac: 'يدقق macOS الإملاء بنفسه.',
    spellcheckDownload:
      'تُنزّل القواميس من خوادم Google، مرة واحدة لكل لغة (ما تكتبه لا يُرسل أبدًا). إذا أوقفت هذا الخيار، فلن يُنزّل أي شيء.',
    files: 'الملفات',
    troubleshooting: 'استكشاف الأخطاء وإصلاحها',
    doctorHint: 'لا تظهر الغرف، أو يتعذر الانضمام إليها؟ يفحص تشخيص الشبكة السبب.',
    doctor: 'تشخيص الشبكة…',
    done: 'تم',
  },
  settingsNotifications: {
    title: 'الإشعارات',
    hint: 'تظهر عندما لا تكون نافذة LAN Room في المقدمة.',
    notifyAbout: 'أعلمني بـ',
    all: 'كل الرسائل',
    mentions: 'الإشارات إليّ فقط',
    mentionsHint: 'و‎@room',
    none: 'لا شيء',
    showText: 'إظهار نص الرسالة في الإشعارات',
    showTextHint:
      'عند الإيقاف: تذكر الإشعارات من كتب فقط («رسالة جديدة من Ada»)، للشاشات التي يراها الآخرون.',
    sounds: 'تشغيل صوت مع الإشعارات',
    mute: 'كتم {{room}}',
    muteHint: 'الغرفة المكتومة لا تُعلمك إلا عندما يشير إليك أحد (أو ‎@room).',
  },
  settingsHosting: {
    title: 'استضافة غرفة',
    allowGuests: 'السماح بالانضمام من متصفح',
    allowGuestsHint:
      'تعرض غرفتك رمز QR ورابطًا يفتحانها في متصفح هاتف أو حاسوب، دون التطبيق. ويظهر هؤلاء بصفة ضيوف. إذا أوقفت هذا الخيار، تُرفض المتصفحات، حتى في الغرفة التي تستضيفها الآن؛ ولا يتأثر من يستخدمون التطبيق.',
  },
  settingsStartup: {
    title: 'بدء التشغيل',
    atLogin: 'تشغيل LAN Room عند تسجيل الدخول',
    atLoginHintTray: 'يبدأ في علبة النظام، دون نافذة، لترى الغرف والرسائل فور وصولها.',
    atLoginHintMenuBar: 'يبدأ في شريط القوائم، دون نافذة، لترى الغرف والرسائل فور وصولها.',
  },
  settingsUpdates: {
    title: 'التحديثات',
    version: 'LAN Room {{version}}',
    packageManager: 'تأتي التحديثات من مدير الحزم في نظامك.',
    development: 'هذا إصدار تطوير أو تشغيل اختباري: لا يبحث عن تحديثات.',
    unsupported:
      'لا تستطيع هذه النسخة من LAN Room تحديث نفسها: ثبّت الإصدارات الجديدة بالطريقة التي ثبّت بها هذه النسخة.',
    automatic: 'البحث عن التحديثات تلقائيًا',
    automaticHint:
      'عند التشغيل وكل بضع ساعات، يسأل LAN Room موقع GitHub عن إصدار جديد وينزّله في الخلفية. ولا يعيد التشغيل من تلقاء نفسه أبدًا.',
    checking: 'جارٍ البحث عن تحديثات…',
    downloading: 'جارٍ تنزيل الإصدار {{version}}: {{percent}}٪',
    ready: 'الإصدار {{version}} جاهز: أعد تشغيل LAN Room لتثبيته.',
    upToDate: 'LAN Room محدّث.',
    failed: 'فشل البحث عن تحديثات.',
    lastChecked: 'آخر بحث: {{when}}.',
    checkingShort: 'جارٍ البحث…',
    checkNow: 'البحث الآن',
  },
  downloadFolder: {
    label: 'مجلد التنزيلات',
    systemFolder: 'مجلد التنزيلات الخاص بك',
    change: 'تغيير…',
    hint: 'تُحفظ هنا الملفات التي تنزّلها من غرفة. لا يُنزّل شيء إلا إذا طلبت ذلك.',
  },
  confirmDialog: {
    working: 'جارٍ التنفيذ…',
  },
  passphraseField: {
    label: 'عبارة المرور',
    show: 'إظهار',
    hide: 'إخفاء',
  },
  updateNotice: {
    downloading: 'جارٍ تنزيل LAN Room {{version}}…',
    progressLabel: 'تنزيل التحديث',
    percent: '{{percent}}٪',
    ready: 'LAN Room {{version}} جاهز',
    installed: 'يُثبّت عند إعادة تشغيل LAN Room.',
    installedHosting: 'يُثبّت عند إعادة تشغيل LAN Room، وهذا ينهي الغرفة التي تستضيفها.',
    releaseNotes: 'ملاحظات الإصدار',
    hideReleaseNotes: 'إخفاء ملاحظات الإصدار',
    later: 'لاحقًا',
    restarting: 'جارٍ إعادة التشغيل…',
    restart: 'إعادة التشغيل للتحديث',
    confirmTitle: 'إعادة التشغيل للتحديث؟',
    confirmNamed:
      'أنت تستضيف «{{room}}». إعادة التشغيل تنهي الغرفة لكل من فيها؛ ويمكنهم الانضمام مجددًا عندما تستضيفها مرة أخرى.',
    confirmUnnamed:
      'أنت تستضيف غرفة. إعادة التشغيل تنهي الغرفة لكل من فيها؛ ويمكنهم الانضمام مجددًا عندما تستضيفها مرة أخرى.',
    confirmLabel: 'إنهاء الغرفة وإعادة التشغيل',
  },
}

import type { Catalogue } from '../en'

/**
 * The lobby: rooms nearby, hosting, joining by address, sharing, the doctor, network preferences,
 * certificates and verification codes, the guest join page.
 */
export const lobby: Catalogue = {
  lobby: {
    heading: 'الردهة',
    youAre: 'أنت {{name}}',
    settings: 'الإعدادات',
    suggestedRoom: 'غرفة {{name}}',
    doctorTitle: 'تشخيص الشبكة',
  },
  roomList: {
    heading: 'غرف قريبة',
    lookingForMore: 'جارٍ البحث عن المزيد…',
    hostedBy: 'المضيف: {{name}}',
    hostedByPeople_zero: 'المضيف: {{name}} · {{count}} شخص',
    hostedByPeople_one: 'المضيف: {{name}} · شخص واحد',
    hostedByPeople_two: 'المضيف: {{name}} · شخصان',
    hostedByPeople_few: 'المضيف: {{name}} · {{count}} أشخاص',
    hostedByPeople_many: 'المضيف: {{name}} · {{count}} شخصًا',
    hostedByPeople_other: 'المضيف: {{name}} · {{count}} شخص',
    needsPassphrase: 'تتطلب عبارة مرور',
    needsPassphraseHidden: '(تتطلب عبارة مرور)',
    yours: 'غرفتك',
    trustVerified: 'موثَّقة: الشهادة التي وثقت بها من قبل',
    trustUnverified: 'لم يتم التحقق بعد: قارن الرمز مع المضيف',
    trustChanged: 'تغيّرت الشهادة منذ آخر انضمام لك',
    trustDowngraded: 'كانت مشفّرة عند انضمامك السابق، وليست كذلك الآن',
    trustPlain: 'غير مشفّرة',
    trustVerifiedHidden: '(موثَّقة: الشهادة التي وثقت بها من قبل)',
    badgeChanged: 'تغيّرت الشهادة',
    badgeDowngraded: 'لم تعد مشفّرة',
    badgePlain: 'غير مشفّرة',
    foundByScan: 'عُثر عليها بالفحص',
    foundByScanTitle: 'لا تُعلن عن نفسها على الشبكة: عُثر عليها عندما بحثت بعمق أو راقبت عنوانها',
    conflicting: 'شهادات متعارضة',
    mismatch: 'تُعلَن هذه الغرفة بأكثر من شهادة: ربما يدّعي شخص آخر أنه هي.',
    verificationCode: 'رمز التحقق {{code}}',
    incompatible:
      'تستخدم هذه الغرفة الإصدار {{version}} من البروتوكول، وهذا التطبيق يستخدم الإصدار {{ours}}. حدّث التطبيق الأقدم.',
    cannotJoin: 'لا يمكن الانضمام إلى هذه الغرفة.',
    join: 'انضمام',
    joinRoom: 'الانضمام إلى {{name}}',
    joining: 'جارٍ الانضمام…',
    joinDialogTitle: 'الانضمام إلى «{{name}}»',
    askPassphrase: 'تتطلب هذه الغرفة عبارة مرور. اطلبها من {{name}}.',
    wrongPassphrase: 'عبارة مرور خاطئة',
    typePassphrase: 'اكتب عبارة المرور التي أعطاك إياها المضيف.',
    lookingForRooms: 'جارٍ البحث عن غرف…',
    lookingForRoomsText: 'تظهر هنا الغرف المستضافة على هذه الشبكة فور العثور عليها.',
    cannotLook: 'تعذّر البحث عن غرف',
    unavailable: 'البحث عن الغرف القريبة غير متاح على هذا الكمبيوتر.',
    unavailableBecause: 'تعذّر البحث عن الغرف القريبة: {{reason}}',
    stillCanJoin: 'لا يزال بإمكانك الانضمام إلى غرفة عبر عنوانها.',
    stillLooking: 'لا يزال البحث جاريًا…',
    noRoomYet:
      'لم تُعلن أي غرفة عن نفسها على هذه الشبكة بعد. يواصل LAN Room الاستماع: أي غرفة تبدأ تظهر هنا فورًا.',
    expectingOne:
      'هل تنتظر غرفة؟ قد تحجب الشبكة الرسائل التي تُعلن بها الغرف عن نفسها: تفعل ذلك شبكات Wi-Fi للضيوف والشبكات الافتراضية الخاصة (VPN) وبعض جدران الحماية. يسأل «البحث بعمق» كل عنوان قريب بدلًا من ذلك، أو اطلب من المضيف رمز الغرفة أو العنوان الظاهر في غرفته.',
    macLocalNetwork:
      'على Mac، يحتاج LAN Room أيضًا إلى الوصول إلى الشبكة المحلية: إعدادات النظام ← الخصوصية والأمن ← الشبكة المحلية.',
    enterCode: 'أدخل رمز غرفة أو عنوانًا',
    checkNetwork: 'فحص الشبكة',
  },
  lookHarder: {
    progress: 'البحث بعمق: تم سؤال {{probed}} من {{total}} عنوانًا',
    progressFound: 'البحث بعمق: تم سؤال {{probed}} من {{total}} عنوانًا، وعُثر على {{found}}',
    cancel: 'إلغاء',
    nothingAnswered_zero: 'لم يُجب أي شيء على {{count}} عنوان.',
    nothingAnswered_one: 'لم يُجب أي شيء على عنوان واحد.',
    nothingAnswered_two: 'لم يُجب أي شيء على عنوانين.',
    nothingAnswered_few: 'لم يُجب أي شيء على {{count}} عناوين.',
    nothingAnswered_many: 'لم يُجب أي شيء على {{count}} عنوانًا.',
    nothingAnswered_other: 'لم يُجب أي شيء على {{count}} عنوان.',
    stopped: 'توقف البحث بعمق.',
    button: 'البحث بعمق',
    hint: 'يسأل كل عنوان على شبكتك، واحدًا تلو الآخر، هل توجد غرفة عليه. يستغرق ذلك دقيقة على الأكثر، ولا يحدث إلا عندما تطلبه.',
  },
  hostForm: {
    title: 'استضافة غرفة',
    intro: 'سيراها الأشخاص على هذه الشبكة ضمن «غرف قريبة».',
    windowsFirewall:
      'قد يسألك Windows هل يمكن لـ LAN Room استخدام شبكتك. اختر «سماح» للشبكات الخاصة حتى يتمكن الآخرون من الانضمام. إذا اخترت «إلغاء»، فاسمح لـ LAN Room من أمن Windows ← جدار الحماية.',
    nameLabel: 'اسم الغرفة',
    nameEmpty: 'أعطِ الغرفة اسمًا ليتمكن الناس من العثور عليها.',
    passphraseLabel: 'عبارة المرور (اختيارية)',
    passphraseHint:
      'لا ينضم إلا من تخبره بها. لا تغادر هذا الكمبيوتر أبدًا؛ يثبت الآخرون أنهم يعرفونها.',
    starting: 'جارٍ البدء…',
    submit: 'استضافة الغرفة',
  },
  joinByAddress: {
    title: 'الانضمام عبر العنوان',
    hostedBy: 'المضيف: {{name}}',
    verificationCode: 'رمز التحقق: {{code}}',
    foundNearby: 'عُثر عليها قريبًا: عنوان رمز الغرفة ({{address}}) لم يعد يجيب بوصفه هذه الغرفة.',
    codeVerified: 'موثَّقة: شهادة هذه الغرفة هي التي يشير إليها رمز الغرفة {{code}}.',
    codeVerifiedReplaces:
      'موثَّقة: شهادة هذه الغرفة هي التي يشير إليها رمز الغرفة {{code}}؛ وهي تحل محل الشهادة التي كانت لهذه الغرفة عند انضمامك السابق (الرمز {{pinned}}).',
    downgraded:
      'كانت هذه الغرفة مشفّرة عند انضمامك السابق (الرمز {{pinned}})، وهي الآن غير مشفّرة. ربما ينتحل أحدهم صفتها: اسأل المضيف قبل أن تنضم.',
    notEncrypted: 'هذه الغرفة غير مشفّرة: يمكن لأي شخص على الشبكة قراءتها.',
    samePin: 'موثَّقة: الشهادة نفسها التي كانت عند انضمامك السابق.',
    changedPin:
      'هذه ليست الشهادة التي كانت لهذه الغرفة عند انضمامك السابق (كان رمزها {{pinned}}). اسأل المضيف عن الرمز الذي تعرضه غرفته قبل أن تتابع.',
    compareCode: 'تأكد من أن غرفة المضيف تعرض الرمز نفسه.',
    back: 'رجوع',
    join: 'انضمام',
    joining: 'جارٍ الانضمام…',
    intro: 'يعمل حتى عندما لا تظهر الغرفة. يرى المضيف رمز الغرفة وعناوينها داخل غرفته.',
    addressLabel: 'رمز الغرفة أو العنوان',
    addressPlaceholder: '{{code}} أو {{address}}',
    addressEmpty: 'اكتب رمز الغرفة أو العنوان الذي يراه المضيف في غرفته، مثل {{address}}.',
    looking: 'جارٍ البحث…',
    continue: 'متابعة',
    findOutWhy: 'معرفة السبب',
  },
  joinRefusal: {
    wrongPassphrase: 'عبارة مرور خاطئة',
    typePassphrase: 'اكتب عبارة المرور التي أعطاك إياها المضيف.',
  },
  retry: {
    seconds: '{{seconds}} ث',
    minutes: '{{minutes}} د',
    minutesSeconds: '{{minutes}} د {{seconds}} ث',
    wait: 'عبارات مرور خاطئة كثيرة من هذا الكمبيوتر. حاول مجددًا بعد {{wait}}.',
    now: 'عبارات مرور خاطئة كثيرة. يمكنك المحاولة مجددًا الآن.',
  },
  shareAddresses: {
    copy: 'نسخ',
    heading: 'دعوة أشخاص',
    roomCode: 'رمز الغرفة',
    roomCodeSpelled: 'رمز الغرفة {{code}}',
    copyRoomCode: 'نسخ رمز الغرفة',
    roomCodeHint:
      'اقرأه بصوت عالٍ أو أرسله: عند كتابته في «الانضمام عبر العنوان» يعثر على هذه الغرفة ويتحقق من شهادتها، فلا يحتاج أحد إلى مقارنة الرموز.',
    otherCodes: 'رموز للشبكات الأخرى لهذا الكمبيوتر',
    copyCodeFor: 'نسخ رمز الغرفة لـ {{address}}',
    fromBrowser: 'الانضمام من متصفح',
    qrAlt: 'رمز QR لرابط الانضمام من متصفح',
    copyLink: 'نسخ رابط الانضمام من متصفح',
    scanHint:
      'امسحه بكاميرا الهاتف، أو افتح الرابط في متصفح على هذه الشبكة. تعرض الصفحة رمز الغرفة: يجب أن يكون {{code}}.',
    typeHint:
      'يجد الأشخاص على هذه الشبكة الغرفة ضمن «غرف قريبة». إن لم تظهر لهم، يمكنهم الانضمام بكتابة:',
    copyAddress: 'نسخ {{address}}',
    noAddress: 'ليس لهذا الكمبيوتر عنوان شبكة يمكن للآخرين الوصول إليه: لا ينضم إلا من يستخدمه.',
    copied: 'تم نسخ {{text}}',
  },
  certificateWarning: {
    thisRoom: 'هذه الغرفة',
    quotedName: '«{{name}}»',
    titleDowngraded: 'لم تعد الغرفة مشفّرة',
    titleChanged: 'تغيّرت شهادة الغرفة',
    downgraded: 'كانت {{name}} مشفّرة عند انضمامك السابق، وهي الآن غير مشفّرة، لذا لم يتصل LAN Room.',
    changed: 'لا تقدّم {{name}} الشهادة التي كانت لها عند انضمامك السابق، لذا لم يتصل LAN Room.',
    codeTrusted: 'الرمز الذي وثقت به',
    codeNow: 'الرمز الذي تعرضه الآن',
    downgradedAdvice:
      'ربما ينتحل شخص على الشبكة صفة الغرفة ليقرأ ما ترسله. اسأل المضيف، شخصيًا أو بالهاتف، هل أوقف التشفير، ولا تنضم حتى يؤكد ذلك.',
    changedAdvice:
      'ربما أعاد المضيف تثبيت LAN Room أو انتقل إلى كمبيوتر آخر. لكن قد يكون أيضًا شخص على الشبكة ينتحل صفة الغرفة. اسأل المضيف عن الرمز الذي تعرضه غرفته — شخصيًا أو بالهاتف، لا في محادثة — ولا تثق بها إلا إذا كان {{code}}.',
    dontJoin: 'عدم الانضمام',
    joining: 'جارٍ الانضمام…',
    trust: 'الوثوق بالشهادة الجديدة',
  },
  verificationCode: {
    spelled: 'رمز التحقق {{code}}',
    notEncrypted: 'غير مشفّر',
  },
  guestJoin: {
    title: 'الانضمام إلى هذه الغرفة',
    hostedBy: 'المضيف: {{name}}',
    codeInLink: 'الرمز في رابطك',
    none: 'لا يوجد',
    codeShown: 'الرمز الذي تعرضه هذه الغرفة',
    notEncrypted: 'هذه الغرفة غير مشفّرة: يمكن لأي شخص على الشبكة قراءتها.',
    mismatch:
      'الرمزان مختلفان: هذه ليست الغرفة التي أُنشئ رابطك لها، أو تغيّرت شهادتها منذ ذلك الحين. اطلب من المضيف رمز QR مجددًا قبل أن تنضم.',
    match: 'الرمزان متطابقان: هذه هي الغرفة التي فتحت رابطها أو رمز QR الخاص بها.',
    compareCode: 'تأكد من أن غرفة المضيف تعرض الرمز نفسه قبل أن تنضم.',
    join: 'انضمام',
    joining: 'جارٍ الانضمام…',
    tryAgain: 'إعادة المحاولة',
    looking: 'جارٍ الاطلاع على الغرفة…',
    warningTitle: 'عن تحذير المتصفح',
    warningText:
      'قبل فتح هذه الصفحة، ربما قال متصفحك إن الاتصال «ليس خاصًا» أو «غير آمن». هذا متوقع هنا: تشفّر الغرفة كل شيء، لكن بشهادة أنشأتها بنفسها ولم توقّعها أي شركة، لذا لا يستطيع المتصفح أن يضمنها.',
    codeText:
      'ما يخبرك بأنها الغرفة الصحيحة هو الرمز. إذا طابق الرمز في رابطك الرمز الظاهر على شاشة المضيف، فأنت تتحدث مع غرفة المضيف. يراك الآخرون في الغرفة موسومًا بأنك ضيف.',
  },
  networkPreferences: {
    legend: 'الشبكة',
    automatic: 'اختيار واجهات الشبكة تلقائيًا',
    automaticHint:
      'يُعلن عن الغرف ويُبحث عنها على كل شبكة خاصة يتصل بها هذا الكمبيوتر، باستثناء الشبكات الافتراضية الخاصة (VPN) والمحولات الافتراضية. أوقف هذا الخيار لتختار بنفسك.',
    interfaces: 'واجهات الشبكة',
    noAddress: 'لا يوجد عنوان IPv4',
    vpn: 'VPN',
    virtual: 'محوّل افتراضي',
    notPrivate: 'ليست شبكة خاصة',
    down: 'غير متصلة',
    watched: 'العناوين المراقَبة',
    watchedHint:
      'تظهر الغرف على هذه العناوين حتى عندما تخفي الشبكة إعلاناتها: تُسأل كل نصف دقيقة. عناوين خاصة فقط؛ وشبكة فرعية حتى ‎/22.',
    stopWatching: 'إيقاف مراقبة {{target}}',
    remove: 'إزالة',
    watchLabel: 'عنوان أو شبكة فرعية للمراقبة',
    watchPlaceholder: '{{address}} أو {{subnet}}',
    watch: 'مراقبة',
    watchEmpty: 'اكتب عنوانًا ({{address}}) أو شبكة فرعية ({{subnet}}).',
    ports: 'منافذ أخرى للبحث فيها',
    portsPlaceholder: 'مثلًا {{ports}}',
    portsHint:
      'يسأل «البحث بعمق» والعناوين المراقَبة دائمًا المنفذ {{port}}؛ أضف منافذ الغرف المستضافة على منافذ أخرى.',
    portsInvalid: 'المنافذ أعداد صحيحة من 1 إلى 65535، تفصل بينها فواصل.',
  },
  doctor: {
    late: 'لم ينتهِ خلال {{seconds}} ث المخصّصة للتشغيل',
    lateFix: 'شغّل التشخيص مجددًا مع ‎--timeout أطول.',
    crashed: 'فشل الفحص نفسه: {{reason}}',
    crashedFix: 'هذا خلل في LAN Room؛ يُرجى الإبلاغ عنه مع هذا التقرير.',
    interfacesOffline: 'لا توجد واجهة شبكة متصلة لها عنوان IPv4: هذا الكمبيوتر غير متصل بأي شبكة',
    interfacesOfflineFix: 'اتصل بشبكة Wi-Fi أو صِل كبلًا.',
    interfacesNoneUsed: 'لا تُستخدم أي من الواجهات المتصلة ({{names}}) للغرف',
    interfacesNoneUsedFix:
      'إذا كان الأشخاص الذين تريد لقاءهم على إحدى هذه الشبكات، فاخترها في التفضيلات › واجهات الشبكة (شبكة بعناوين عامة، أو VPN يتصل به الجميع).',
    interfacesLinkLocal:
      'تستخدم الغرف {{names}}، وليس لها إلا عنوان مخصّص ذاتيًا (169.254.x.x): لم تمنحها الشبكة عنوانًا',
    interfacesLinkLocalFix:
      'لم يستجب DHCP في جهاز التوجيه: أعد الاتصال بالشبكة، أو أعد تشغيل جهاز التوجيه. تظل الغرف تعمل مع الأشخاص على الكبل أو المبدّل نفسه.',
    interfacesOk: 'يُعلن عن الغرف ويُبحث عنها على {{names}}',
    multicastNoInterface:
      'لا توجد واجهة لإرسال البث المتعدد: لا توجد واجهة شبكة متصلة لها عنوان IPv4',
    multicastNoInterfaceFix: 'اتصل بشبكة (Wi-Fi أو كبل)، أو اختر واجهات في التفضيلات.',
    multicastCannotListen: 'تعذّر الاستماع على منفذ UDP ‏{{port}} لسماع عودته ({{reason}})',
    multicastCannotListenFix: 'راجع فحص منفذ mDNS: برنامج آخر يحتجز المنفذ لنفسه.',
    multicastOk: 'عاد استعلام mDNS الخاص بنا عبر {{names}}',
    multicastOkOthers_zero: 'عاد استعلام mDNS الخاص بنا عبر {{names}}، وسُمع {{count}} جهاز آخر',
    multicastOkOthers_one: 'عاد استعلام mDNS الخاص بنا عبر {{names}}، وسُمع جهاز آخر واحد',
    multicastOkOthers_two: 'عاد استعلام mDNS الخاص بنا عبر {{names}}، وسُمع جهازان آخران',
    multicastOkOthers_few: 'عاد استعلام mDNS الخاص بنا عبر {{names}}، وسُمعت {{count}} أجهزة أخرى',
    multicastOkOthers_many: 'عاد استعلام mDNS الخاص بنا عبر {{names}}، وسُمع {{count}} جهازًا آخر',
    multicastOkOthers_other: 'عاد استعلام mDNS الخاص بنا عبر {{names}}، وسُمع {{count}} جهاز آخر',
    multicastLost:
      'لم يعد استعلام mDNS الخاص بنا عبر {{names}}: لا يمكن من هنا العثور على الغرف ولا الظهور لها',
    multicastPartly: 'عاد استعلام mDNS الخاص بنا عبر {{names}} ولكن ليس عبر {{lost}}',
    multicastMacPermissionFix:
      'يمنع macOS هذا التطبيق من الوصول إلى الشبكة المحلية: افتح إعدادات النظام › الخصوصية والأمن › الشبكة المحلية وفعّل LAN Room (وبالنسبة إلى `lanroom`، فعّل تطبيق الطرفية الذي تشغّله منه).',
    multicastSendRefusedFix:
      'يرفض جدار حماية على هذا الكمبيوتر إرسال البث المتعدد (mDNS، منفذ UDP ‏5353 إلى 224.0.0.251): اسمح به، أو انضم إلى الغرف عبر العنوان أو رمز الغرفة.',
    multicastCannotSendFix:
      'لا تستطيع هذه الواجهة إرسال البث المتعدد؛ لا يزال بالإمكان الانضمام إلى الغرف عبر العنوان أو رمز الغرفة.',
    multicastDroppedFix:
      'يُسقط جدار حماية على هذا الكمبيوتر رسائل mDNS الواردة (منفذ UDP ‏5353، البث المتعدد 224.0.0.251): اسمح بها (Linux: ابحث عن قاعدة drop في `sudo nft list ruleset`؛ Windows: اسمح لـ LAN Room على الشبكات الخاصة). وإلى ذلك الحين، انضم إلى الغرف عبر العنوان أو رمز الغرفة.',
    mdnsFree: 'متاح: لا يستمع أي مستجيب mDNS آخر على منفذ UDP ‏{{port}}',
    mdnsForbidden: 'لا يُسمح لهذا البرنامج بالاستماع على منفذ UDP ‏{{port}} ({{reason}})',
    mdnsForbiddenFix: 'يمنع برنامج أمان أو سياسة ما التطبيقَ من منفذ mDNS: اسمح لـ LAN Room.',
    mdnsOwnOnly: 'يستخدمه اكتشاف LAN Room الخاص فقط، ومشترك مع أي مستجيب آخر: طبيعي',
    mdnsSharedOwnLinux:
      'مشترك مع مستجيب mDNS آخر{{who}}. اكتشاف LAN Room الخاص أحدها. على Linux يكون عادةً avahi-daemon (أو systemd-resolved): هذا طبيعي، ويتشارك LAN Room المنفذ معه (SO_REUSEADDR)؛ ويسمع كلاهما كل رسالة mDNS.',
    mdnsSharedOwnMac:
      'مشترك مع مستجيب mDNS آخر{{who}}. اكتشاف LAN Room الخاص أحدها. على macOS يكون mDNSResponder، وهو موجود دائمًا: هذا طبيعي، ويتشارك LAN Room المنفذ.',
    mdnsSharedOwnWindows:
      'مشترك مع مستجيب mDNS آخر{{who}}. اكتشاف LAN Room الخاص أحدها. على Windows يكون عادةً mDNS الخاص بـ Windows (خدمة عميل DNS) أو Bonjour: هذا طبيعي، ويتشارك LAN Room المنفذ.',
    mdnsSharedOwnOther:
      'مشترك مع مستجيب mDNS آخر{{who}}. اكتشاف LAN Room الخاص أحدها. هذا طبيعي: يتشارك LAN Room المنفذ.',
    mdnsHeld:
      'برنامج آخر يحتجز منفذ UDP ‏{{port}} لنفسه{{who}}: لا يستطيع LAN Room سماع mDNS ({{reason}})',
    mdnsHeldFix:
      'أوقف ذلك البرنامج أو اضبطه ليتشارك المنفذ (تفعل ذلك معظم مستجيبات mDNS)، أو انضم إلى الغرف عبر العنوان أو رمز الغرفة.',
    firewallDropsMdnsIn: '{{source}}: قاعدة تُسقط رسائل mDNS الواردة (UDP ‏{{port}}): {{rule}}',
    firewallDropsMdnsOut: '{{source}}: قاعدة تُسقط رسائل mDNS الصادرة (UDP ‏{{port}}): {{rule}}',
    firewallDropsHosted:
      '{{source}}: قاعدة تُسقط الاتصالات بالغرف المستضافة هنا على TCP ‏{{port}}: {{rule}}',
    firewallDropsRooms: '{{source}}: قاعدة تُسقط الاتصالات بالغرف على منفذ TCP ‏{{port}}: {{rule}}',
    firewallMayDrop_zero:
      '{{source}}: قد تُسقط {{count}} قاعدة حركة مرور LAN Room، حسب الواجهة أو المصدر',
    firewallMayDrop_one:
      '{{source}}: قد تُسقط قاعدة واحدة حركة مرور LAN Room، حسب الواجهة أو المصدر',
    firewallMayDrop_two: '{{source}}: قد تُسقط قاعدتان حركة مرور LAN Room، حسب الواجهة أو المصدر',
    firewallMayDrop_few:
      '{{source}}: قد تُسقط {{count}} قواعد حركة مرور LAN Room، حسب الواجهة أو المصدر',
    firewallMayDrop_many:
      '{{source}}: قد تُسقط {{count}} قاعدةً حركة مرور LAN Room، حسب الواجهة أو المصدر',
    firewallMayDrop_other:
      '{{source}}: قد تُسقط {{count}} قاعدة حركة مرور LAN Room، حسب الواجهة أو المصدر',
    firewallOk: '{{source}}: لا توجد قاعدة تُسقط mDNS أو منفذ TCP ‏{{ports}}',
    firewallLinuxFix:
      'اسمح بمنافذ LAN Room في جدار الحماية: UDP ‏5353 (mDNS) واردًا وصادرًا، ومنفذ TCP الخاص بالغرفة (47800 افتراضيًا) — مثلًا `sudo ufw allow 5353/udp` و`sudo ufw allow 47800/tcp` — أو احذف القاعدة المعروضة.',
    firewallUnreadable:
      'تعذّرت قراءة قواعد جدار الحماية ({{reason}}): تتطلب قراءتها صلاحيات الجذر (root). إذا لم يُعثر على غرف، فتحقق باستخدام `sudo nft list ruleset` من أن UDP ‏5353 وTCP ‏47800 لا يُسقطان.',
    firewallWinBlocked: 'تحظر قاعدة في جدار حماية Windows تطبيق LAN Room: {{rules}}',
    firewallWinBlockedFix:
      'افتح أمان Windows › جدار الحماية وحماية الشبكة › السماح لتطبيق عبر جدار الحماية، واسمح لـ LAN Room على الشبكات الخاصة (أو احذف القاعدة التي تحظره).',
    firewallWinPublic:
      'يعامل Windows الشبكة {{networks}} على أنها شبكة عامة لا يُسمح فيها لـ LAN Room: لا يمكن للآخرين الانضمام إلى غرفة تستضيفها، وقد يُحظر اكتشاف الغرف',
    firewallWinPublicFix:
      'إن كانت شبكة تثق بها، فاجعلها خاصة: الإعدادات › الشبكة والإنترنت › (شبكتك) › نوع ملف تعريف الشبكة › شبكة خاصة. ثم اسمح لـ LAN Room عندما يسألك Windows.',
    firewallWinNotAllowed:
      'لا توجد بعد قاعدة في جدار الحماية تسمح لـ LAN Room بقبول الاتصالات على شبكات {{profiles}}',
    firewallWinNotAllowedFix:
      'يسألك Windows في أول مرة تستضيف فيها غرفة: أجب بـ «السماح» (على الشبكات الخاصة).',
    firewallWinOff: 'جدار الحماية متوقف للشبكات المستخدمة',
    firewallWinAllowed: 'LAN Room مسموح به على شبكات {{profiles}}',
    firewallWinUnreadable: 'تعذّرت قراءة جدار حماية Windows: {{reason}}',
    firewallMacBlockAll:
      'يحظر جدار حماية macOS كل الاتصالات الواردة: لا يمكن لأحد الانضمام إلى غرفة تستضيفها',
    firewallMacBlockAllFix:
      'إعدادات النظام › الشبكة › جدار الحماية › الخيارات: أوقف «حظر كل الاتصالات الواردة».',
    firewallMacAppBlocked: 'يحظر جدار حماية macOS الاتصالات الواردة إلى LAN Room',
    firewallMacAppBlockedFix:
      'إعدادات النظام › الشبكة › جدار الحماية › الخيارات: اضبط LAN Room على «السماح بالاتصالات الواردة».',
    firewallMacOn:
      'جدار حماية macOS يعمل ولا يحظر LAN Room. لا يمكن لبرنامج آخر قراءة إذن الشبكة المحلية: إن فشل فحص البث المتعدد بالرسالة «No route to host»، فشغّل LAN Room في إعدادات النظام › الخصوصية والأمن › الشبكة المحلية.',
    firewallMacOff:
      'جدار حماية macOS متوقف. لا يمكن لبرنامج آخر قراءة إذن الشبكة المحلية: إن فشل فحص البث المتعدد بالرسالة «No route to host»، فشغّل LAN Room في إعدادات النظام › الخصوصية والأمن › الشبكة المحلية.',
    firewallMacUnreadable: 'تعذّرت قراءة جدار حماية macOS: {{reason}}',
    firewallUnsupported: 'قراءة جدار الحماية غير مدعومة على {{platform}}',
    vpnCaptured:
      'تخرج حركة المرور إلى شبكتك المحلية {{network}} عبر {{via}} وليس عبر {{iface}}: تستحوذ عليها شبكة VPN، لذا لا يمكن الوصول إلى أي أحد قريب',
    vpnCapturedFix:
      'فعّل خيار «السماح بالوصول إلى الشبكة المحلية» في VPN (أو «مشاركة LAN» أو «النفق المنقسم»)، أو افصل VPN أثناء استخدام LAN Room.',
    vpnDefault:
      'يمر المسار الافتراضي عبر {{via}}، وهي VPN: لا يزال الوصول إلى الشبكة المحلية مباشرًا',
    vpnDefaultFix:
      'لا مشكلة عادةً. إذا لم يُعثر على غرف، فقد تحجب VPN البث المتعدد المحلي أيضًا: اسمح بالوصول إلى الشبكة المحلية في إعداداتها، أو افصلها أثناء استخدام LAN Room.',
    vpnOk: 'لا تستحوذ أي VPN على حركة المرور (المسار الافتراضي: {{via}})',
    vpnOkAdapters:
      'لا تستحوذ أي VPN على حركة المرور (المسار الافتراضي: {{via}})؛ محولات افتراضية متصلة: {{adapters}} (لا تُستخدم للغرف إلا إذا اخترتها)',
    vpnOkUnreadable: 'تعذّرت قراءة المسار الافتراضي',
    vpnOkUnreadableAdapters:
      'تعذّرت قراءة المسار الافتراضي؛ محولات افتراضية متصلة: {{adapters}} (لا تُستخدم للغرف إلا إذا اخترتها)',
    roomNoTarget: 'لم تُحدَّد غرفة أو رمز أو عنوان: حدّد واحدًا لترى كل خطوة للوصول إليه',
    roomStepFailed: 'فشلت خطوة {{step}}: {{reason}}',
    roomWarned: 'يمكن الانضمام إلى {{room}}، ولكن {{warnings}}',
    roomPlainFix:
      'الغرفة غير مشفّرة: يمكن للآخرين على الشبكة قراءة ما يُقال. اطلب من المضيف تشغيلها دون ‎--no-tls.',
    roomOk: 'يمكن الانضمام إلى {{room}}: نجحت كل الخطوات',
  },
  doctorPanel: {
    intro: 'يفحص ما يمنع العثور على الغرف أو الانضمام إليها على هذه الشبكة، ويخبرك بما يجب فعله.',
    targetLabel: 'غرفة أو رمز أو عنوان (اختياري)',
    targetHint: 'لترى كل خطوة للوصول إلى غرفة بعينها.',
    checkAgain: 'إعادة الفحص',
    progress: 'جارٍ الفحص… اكتمل {{finished}} من {{total}}',
    nothingFailed: 'لم يفشل أي فحص.',
    failed_zero: 'فشل {{count}} فحص: انظر أدناه ما يجب فعله.',
    failed_one: 'فشل فحص واحد: انظر أدناه ما يجب فعله.',
    failed_two: 'فشل فحصان: انظر أدناه ما يجب فعله.',
    failed_few: 'فشلت {{count}} فحوصات: انظر أدناه ما يجب فعله.',
    failed_many: 'فشل {{count}} فحصًا: انظر أدناه ما يجب فعله.',
    failed_other: 'فشل {{count}} فحص: انظر أدناه ما يجب فعله.',
    checks: 'الفحوصات',
    checking: 'جارٍ الفحص',
    checkingLong: 'جارٍ الفحص…',
    statusOk: 'سليم',
    statusWarn: 'تحذير',
    statusFail: 'فشل',
    statusSkipped: 'تم التخطي',
    titleStatus: '{{title}}: {{status}}',
    steps: 'الخطوات',
    whatToDo: 'ما يجب فعله:',
    details: 'التفاصيل',
    done: 'تم',
    titleInterfaces: 'واجهات الشبكة',
    titleMulticast: 'عودة البث المتعدد',
    titleMdnsPort: 'منفذ mDNS ‏5353',
    titleFirewall: 'جدار الحماية',
    titleVpn: 'الشبكات الافتراضية الخاصة والمحولات الافتراضية',
    titleRoom: 'الغرفة',
  },
}

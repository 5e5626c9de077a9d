/**
 * The lobby: rooms nearby, hosting, joining by address, sharing, the doctor, network preferences,
 * certificates and verification codes, the guest join page.
 */
export const lobby = {
  lobby: {
    heading: 'Lobby',
    youAre: 'You are {{name}}',
    settings: 'Settings',
    suggestedRoom: '{{name}}’s room',
    doctorTitle: 'Network doctor',
  },
  roomList: {
    heading: 'Rooms nearby',
    lookingForMore: 'Looking for more…',
    hostedBy: 'Hosted by {{name}}',
    hostedByPeople_one: 'Hosted by {{name}} · {{count}} person',
    hostedByPeople_other: 'Hosted by {{name}} · {{count}} people',
    needsPassphrase: 'Needs a passphrase',
    needsPassphraseHidden: '(needs a passphrase)',
    yours: 'Yours',
    trustVerified: 'Verified: the certificate you trusted before',
    trustUnverified: 'Not verified yet: compare the code with the host',
    trustChanged: 'Certificate changed since you last joined',
    trustDowngraded: 'Was encrypted when you joined before, is not now',
    trustPlain: 'Not encrypted',
    trustVerifiedHidden: '(Verified: the certificate you trusted before)',
    badgeChanged: 'Certificate changed',
    badgeDowngraded: 'No longer encrypted',
    badgePlain: 'Not encrypted',
    foundByScan: 'Found by scan',
    foundByScanTitle:
      'Not announced on the network: found when you looked harder or watched its address',
    conflicting: 'Conflicting certificates',
    mismatch:
      'This room is announced with more than one certificate: someone else may be claiming to be it.',
    verificationCode: 'Verification code {{code}}',
    incompatible:
      'This room uses protocol version {{version}}; this app speaks version {{ours}}. Update the app that is older.',
    cannotJoin: 'This room cannot be joined.',
    join: 'Join',
    joinRoom: 'Join {{name}}',
    joining: 'Joining…',
    joinDialogTitle: 'Join “{{name}}”',
    askPassphrase: 'This room needs a passphrase. Ask {{name}} for it.',
    wrongPassphrase: 'Wrong passphrase',
    typePassphrase: 'Type the passphrase the host gave you.',
    lookingForRooms: 'Looking for rooms…',
    lookingForRoomsText: 'Rooms hosted on this network appear here as they are found.',
    cannotLook: 'Cannot look for rooms',
    unavailable: 'Looking for rooms nearby is not available on this computer.',
    unavailableBecause: 'Rooms nearby cannot be searched for: {{reason}}',
    stillCanJoin: 'You can still join a room by its address.',
    stillLooking: 'Still looking…',
    noRoomYet:
      'No room has announced itself on this network yet. LAN Room keeps listening: a room that starts shows up here at once.',
    expectingOne:
      'Expecting one? The network may block the messages rooms announce themselves with: guest Wi-Fi, VPNs and some firewalls do. Look harder asks every address nearby instead, or ask the host for the room code or address shown in their room.',
    macLocalNetwork:
      'On a Mac, LAN Room also needs Local Network access: System Settings → Privacy & Security → Local Network.',
    enterCode: 'Enter a room code or address',
    checkNetwork: 'Check the network',
  },
  lookHarder: {
    progress: 'Looking harder: asked {{probed}} of {{total}} addresses',
    progressFound: 'Looking harder: asked {{probed}} of {{total}} addresses, {{found}} found',
    cancel: 'Cancel',
    nothingAnswered_one: 'Nothing answered on {{count}} address.',
    nothingAnswered_other: 'Nothing answered on {{count}} addresses.',
    stopped: 'Stopped looking harder.',
    button: 'Look harder',
    hint: 'Asks every address on your network, one by one, whether a room runs there. It takes up to a minute, and only happens when you ask.',
  },
  hostForm: {
    title: 'Host a room',
    intro: 'People on this network will see it under Rooms nearby.',
    windowsFirewall:
      'Windows may ask whether LAN Room can use your network. Choose Allow for private networks so others can join. If you chose Cancel, allow LAN Room in Windows Security → Firewall.',
    nameLabel: 'Room name',
    nameEmpty: 'Give the room a name, so that people can find it.',
    passphraseLabel: 'Passphrase (optional)',
    passphraseHint:
      'Only people you tell it can join. It never leaves this computer; others prove they know it.',
    starting: 'Starting…',
    submit: 'Host room',
  },
  joinByAddress: {
    title: 'Join by address',
    hostedBy: 'Hosted by {{name}}',
    verificationCode: 'Verification code: {{code}}',
    foundNearby:
      'Found nearby: the room code’s address ({{address}}) no longer answers as this room.',
    codeVerified: 'Verified: this room’s certificate is the one room code {{code}} names.',
    codeVerifiedReplaces:
      'Verified: this room’s certificate is the one room code {{code}} names; it replaces the one this room had when you joined before (code {{pinned}}).',
    downgraded:
      'This room was encrypted when you joined it before (code {{pinned}}), and now it is not. Someone may be pretending to be it: ask the host before you join.',
    notEncrypted: 'This room is not encrypted: anyone on the network can read it.',
    samePin: 'Verified: the same certificate as when you joined before.',
    changedPin:
      'This is not the certificate this room had when you joined before (its code was {{pinned}}). Ask the host which code their room shows before you go on.',
    compareCode: 'Check that the host’s room shows the same code.',
    back: 'Back',
    join: 'Join',
    joining: 'Joining…',
    intro:
      'Works even when the room does not show up. The host sees the room code and the addresses in their room.',
    addressLabel: 'Room code or address',
    addressPlaceholder: '{{code}} or {{address}}',
    addressEmpty:
      'Type the room code or the address the host sees in their room, like {{address}}.',
    looking: 'Looking…',
    continue: 'Continue',
    findOutWhy: 'Find out why',
  },
  joinRefusal: {
    wrongPassphrase: 'Wrong passphrase',
    typePassphrase: 'Type the passphrase the host gave you.',
  },
  retry: {
    seconds: '{{seconds}} s',
    minutes: '{{minutes}} min',
    minutesSeconds: '{{minutes}} min {{seconds}} s',
    wait: 'Too many wrong passphrases from this computer. Try again in {{wait}}.',
    now: 'Too many wrong passphrases. You can try again now.',
  },
  shareAddresses: {
    copy: 'Copy',
    heading: 'Invite people',
    roomCode: 'Room code',
    roomCodeSpelled: 'Room code {{code}}',
    copyRoomCode: 'Copy the room code',
    roomCodeHint:
      'Read it out or send it: typed under Join by address, it finds this room and checks its certificate, so nobody needs to compare codes.',
    otherCodes: 'Codes for this computer’s other networks',
    copyCodeFor: 'Copy the room code for {{address}}',
    fromBrowser: 'Join from a browser',
    qrAlt: 'QR code of the link to join from a browser',
    copyLink: 'Copy the link to join from a browser',
    scanHint:
      'Scan it with a phone’s camera, or open the link in a browser on this network. The page shows the room’s code: it should read {{code}}.',
    typeHint:
      'People on this network find the room under Rooms nearby. If it does not show up for them, they can join by typing:',
    copyAddress: 'Copy {{address}}',
    noAddress:
      'This computer has no network address others can reach: only people using it can join.',
    copied: 'Copied {{text}}',
  },
  certificateWarning: {
    thisRoom: 'This room',
    quotedName: '“{{name}}”',
    titleDowngraded: 'The room is no longer encrypted',
    titleChanged: 'The room’s certificate has changed',
    downgraded:
      '{{name}} was encrypted when you joined it before, and now it is not, so LAN Room did not connect.',
    changed:
      '{{name}} does not present the certificate it had when you joined before, so LAN Room did not connect.',
    codeTrusted: 'Code you trusted',
    codeNow: 'Code it shows now',
    downgradedAdvice:
      'Someone on the network may be pretending to be the room to read what you send. Ask the host whether they turned encryption off, in person or by phone, and do not join until they say so.',
    changedAdvice:
      'The host may have reinstalled LAN Room or moved to another computer. But it may also be someone on the network pretending to be the room. Ask the host which code their room shows — in person or by phone, not in a chat — and trust it only if it is {{code}}.',
    dontJoin: 'Don’t join',
    joining: 'Joining…',
    trust: 'Trust the new certificate',
  },
  verificationCode: {
    spelled: 'Verification code {{code}}',
    notEncrypted: 'not encrypted',
  },
  guestJoin: {
    title: 'Join this room',
    hostedBy: 'Hosted by {{name}}',
    codeInLink: 'Code in your link',
    none: 'none',
    codeShown: 'Code this room shows',
    notEncrypted: 'This room is not encrypted: anyone on the network can read it.',
    mismatch:
      'The codes differ: this is not the room your link was made for, or its certificate has changed since. Ask the host for their QR code again before you join.',
    match: 'The codes match: this is the room whose link or QR code you opened.',
    compareCode: 'Check that the host’s room shows the same code before you join.',
    join: 'Join',
    joining: 'Joining…',
    tryAgain: 'Try again',
    looking: 'Looking at the room…',
    warningTitle: 'About the browser’s warning',
    warningText:
      'Before this page opened, your browser probably said the connection is “not private” or “not secure”. That is expected here: the room encrypts everything, but with a certificate it made itself, which no company has signed, so the browser cannot vouch for it.',
    codeText:
      'What tells you this is the right room is the code. If the code in your link matches the one the host’s screen shows, you are talking to the host’s room. Other people in the room see you marked as a guest.',
  },
  networkPreferences: {
    legend: 'Network',
    automatic: 'Choose network interfaces automatically',
    automaticHint:
      'Rooms are announced and looked for on every private network this computer is on, leaving out VPNs and virtual adapters. Turn this off to choose.',
    interfaces: 'Network interfaces',
    noAddress: 'no IPv4 address',
    vpn: 'VPN',
    virtual: 'virtual adapter',
    notPrivate: 'not a private network',
    down: 'down',
    watched: 'Watched addresses',
    watchedHint:
      'Rooms at these addresses are listed even where the network hides their announcements: they are asked every half minute. Private addresses only; a subnet up to /22.',
    stopWatching: 'Stop watching {{target}}',
    remove: 'Remove',
    watchLabel: 'Address or subnet to watch',
    watchPlaceholder: '{{address}} or {{subnet}}',
    watch: 'Watch',
    watchEmpty: 'Type an address ({{address}}) or a subnet ({{subnet}}).',
    ports: 'Other ports to look on',
    portsPlaceholder: 'for example {{ports}}',
    portsHint:
      'Look harder and watched addresses always ask port {{port}}; add the ports of rooms hosted on others.',
    portsInvalid: 'Ports are whole numbers from 1 to 65535, separated by commas.',
  },
  /** The doctor's findings by code (src/main/doctor): the same English as `lanroom doctor`. */
  doctor: {
    late: "did not finish within the run's {{seconds}} s",
    lateFix: 'Run the doctor again with a longer --timeout.',
    crashed: 'the check itself failed: {{reason}}',
    crashedFix: 'This is a bug in LAN Room; please report it with this report.',
    interfacesOffline:
      'no network interface is up with an IPv4 address: this machine is not on a network',
    interfacesOfflineFix: 'Connect to Wi-Fi or plug in a cable.',
    interfacesNoneUsed: 'none of the interfaces that are up ({{names}}) is used for rooms',
    interfacesNoneUsedFix:
      'If the people you want to meet are on one of these networks (a network with public addresses, or a VPN everyone is on), choose it in Settings › Network › Network interfaces, or on the command line with lanroom host --interface NAME.',
    interfacesLinkLocal:
      'rooms use {{names}}, which has only a self-assigned address (169.254.x.x): the network gave it none',
    interfacesLinkLocalFix:
      'The router’s DHCP did not answer: reconnect to the network, or restart the router. Rooms still work with people on the same cable or switch.',
    interfacesOk: 'rooms are advertised and browsed on {{names}}',
    multicastNoInterface:
      'no interface to send multicast on: no interface is used for rooms (see the interfaces check)',
    multicastNoInterfaceFix:
      'Connect to a network (Wi-Fi or cable), or choose interfaces in Settings › Network › Network interfaces (on the command line: lanroom host --interface NAME).',
    multicastCannotListen: 'cannot listen on UDP port {{port}} to hear it come back ({{reason}})',
    multicastCannotListenFix: 'See the mDNS port check: another program holds the port for itself.',
    multicastOk: 'our mDNS query came back on {{names}}',
    multicastOkOthers_one:
      'our mDNS query came back on {{names}}, and {{count}} other device(s) were heard',
    multicastOkOthers_other:
      'our mDNS query came back on {{names}}, and {{count}} other device(s) were heard',
    multicastLost:
      'our own mDNS query did not come back on {{names}}: rooms cannot be found or be seen from here',
    multicastPartly: 'our mDNS query came back on {{names}} but not on {{lost}}',
    multicastMacPermissionFix:
      'macOS blocks this app from the local network: open System Settings › Privacy & Security › Local Network and turn LAN Room on (for `lanroom`, the terminal app you run it from).',
    multicastSendRefusedFix:
      'A firewall on this machine refuses to send multicast (mDNS, UDP port 5353 to 224.0.0.251): allow it, or join rooms by address or room code.',
    multicastCannotSendFix:
      'This interface cannot send multicast; rooms can still be joined by address or room code.',
    multicastDroppedFix:
      'A firewall on this machine drops incoming mDNS (UDP port 5353, multicast 224.0.0.251): allow it (Linux: look for a drop rule in `sudo nft list ruleset`; Windows: allow LAN Room on Private networks). Until then, join rooms by address or room code.',
    mdnsFree: 'free: no other mDNS responder listens on UDP port {{port}}',
    mdnsForbidden: 'this program may not listen on UDP port {{port}} ({{reason}})',
    mdnsForbiddenFix:
      'Security software or a policy keeps the app off the mDNS port: allow LAN Room.',
    mdnsOwnOnly: 'used by LAN Room’s own discovery only, shared with any other responder: normal',
    mdnsSharedOwnLinux:
      'shared with another mDNS responder{{who}}. LAN Room’s own discovery is one of them. On Linux that is usually avahi-daemon (or systemd-resolved): normal, and LAN Room shares the port with it (SO_REUSEADDR); both hear every mDNS message.',
    mdnsSharedOwnMac:
      'shared with another mDNS responder{{who}}. LAN Room’s own discovery is one of them. On macOS that is mDNSResponder, always there: normal, and LAN Room shares the port.',
    mdnsSharedOwnWindows:
      'shared with another mDNS responder{{who}}. LAN Room’s own discovery is one of them. On Windows that is usually Windows’ own mDNS (the DNS Client service) or Bonjour: normal, and LAN Room shares the port.',
    mdnsSharedOwnOther:
      'shared with another mDNS responder{{who}}. LAN Room’s own discovery is one of them. That is normal: LAN Room shares the port.',
    mdnsHeld:
      'another program holds UDP port {{port}} for itself{{who}}: LAN Room cannot hear mDNS ({{reason}})',
    mdnsHeldFix:
      'Stop or reconfigure that program so it shares the port (most mDNS responders do), or join rooms by address or room code.',
    firewallDropsMdnsIn: '{{source}}: a rule drops mDNS (UDP {{port}}) coming in: {{rule}}',
    firewallDropsMdnsOut: '{{source}}: a rule drops mDNS (UDP {{port}}) going out: {{rule}}',
    firewallDropsHosted:
      '{{source}}: a rule drops connections to rooms hosted here on TCP {{port}}: {{rule}}',
    firewallDropsRooms:
      '{{source}}: a rule drops connections to rooms at TCP port {{port}}: {{rule}}',
    firewallMayDrop_one:
      '{{source}}: {{count}} rule(s) may drop LAN Room’s traffic, depending on interface or source',
    firewallMayDrop_other:
      '{{source}}: {{count}} rule(s) may drop LAN Room’s traffic, depending on interface or source',
    firewallOk: '{{source}}: no rule drops mDNS or TCP port {{ports}}',
    firewallLinuxFix:
      'Allow LAN Room’s ports in the firewall: UDP 5353 (mDNS) in and out, and the room’s TCP port (default 47800) — for example `sudo ufw allow 5353/udp` and `sudo ufw allow 47800/tcp`, or remove the rule shown.',
    firewallUnreadable:
      'could not read the firewall rules ({{reason}}): reading them needs root. If rooms are not found, check with `sudo nft list ruleset` that UDP 5353 and TCP 47800 are not dropped.',
    firewallWinBlocked: 'a Windows Firewall rule blocks LAN Room: {{rules}}',
    firewallWinBlockedFix:
      'Open Windows Security › Firewall & network protection › Allow an app through firewall, and allow LAN Room on Private networks (or delete the blocking rule).',
    firewallWinPublic:
      'Windows treats {{networks}} as a Public network, where LAN Room is not allowed: others cannot join a room you host, and discovery may be blocked',
    firewallWinPublicFix:
      'On a network you trust, make it Private: Settings › Network & internet › (your network) › Network profile type › Private network. Then allow LAN Room when Windows asks.',
    firewallWinNotAllowed:
      'no firewall rule allows LAN Room to accept connections on {{profiles}} networks yet',
    firewallWinNotAllowedFix:
      'Windows asks the first time you host a room: answer Allow (on Private networks).',
    firewallWinOff: 'the firewall is off for the networks in use',
    firewallWinAllowed: 'LAN Room is allowed on {{profiles}} networks',
    firewallWinUnreadable: 'could not read the Windows Firewall: {{reason}}',
    firewallMacBlockAll:
      'the macOS firewall blocks all incoming connections: nobody can join a room you host',
    firewallMacBlockAllFix:
      'System Settings › Network › Firewall › Options: turn off "Block all incoming connections".',
    firewallMacAppBlocked: 'the macOS firewall blocks incoming connections to LAN Room',
    firewallMacAppBlockedFix:
      'System Settings › Network › Firewall › Options: set LAN Room to "Allow incoming connections".',
    firewallMacOn:
      'the macOS firewall is on and does not block LAN Room. The local-network permission cannot be read by another program: if the Multicast check fails with "No route to host", turn LAN Room on in System Settings › Privacy & Security › Local Network.',
    firewallMacOff:
      'the macOS firewall is off. The local-network permission cannot be read by another program: if the Multicast check fails with "No route to host", turn LAN Room on in System Settings › Privacy & Security › Local Network.',
    firewallMacUnreadable: 'could not read the macOS firewall: {{reason}}',
    roomFixRefused:
      'Nothing listens at that port, or a firewall rejects the connection: check that the room is still open, that the address and port are the ones the host’s app shows, and the Firewall check.',
    roomFixDropped:
      'Packets to the room are dropped on the way: the host’s firewall (on Windows, allow LAN Room on Private networks and make the network Private), Wi-Fi client isolation (guest networks), or a VPN. See the Firewall and VPN checks; try a wired or the same Wi-Fi network.',
    roomFixUnreachable:
      'This machine has no route to that address: make sure both are on the same network; a VPN may be capturing the traffic (see the VPN check).',
    roomFixNotTls:
      'Something answers at that port, but not as a LAN Room: check the port (the host’s app shows it).',
    roomFixNotRoom:
      'Something answers at that port, but not as a LAN Room of this version: check the address, and that both sides run the same version of LAN Room.',
    roomFixCertificate:
      'Compare the verification code with the one the host’s app shows. If the host reinstalled LAN Room, join once and trust the new code after checking it with them; otherwise do not join: someone may be pretending to be the room.',
    roomFixRoomCode:
      'This is not the room the code names: someone else may be at that address, or the host’s address changed (`lanroom join CODE` then looks for the room nearby by its certificate). Ask the host for the room code their room shows now.',
    roomFixWebsocket:
      'The room answers web requests but refuses the chat connection: security software or a proxy between you may block WebSockets, or the room is full or closing. Ask the host to restart the room.',
    roomFixHello:
      'The room did not greet: it may be overloaded or closing. Try again, or ask the host to restart the room.',
    roomFixTyped: 'Check what you typed.',
    roomFixUnexpected: 'Try again; if it persists, report it.',
    roomFixResolveName:
      'Check the spelling, or use the host’s IP address (their app shows it under Share).',
    roomFixResolveCode:
      'Compare the code with the one the host’s app shows: a character may be mistyped.',
    firewallUnsupported: 'reading the firewall is not supported on {{platform}}',
    vpnCaptured:
      'traffic to your local network {{network}} leaves by {{via}}, not {{iface}}: a VPN captures it, so nobody nearby can be reached',
    vpnCapturedFix:
      'Turn on your VPN’s "allow local network access" (or "LAN sharing", "split tunnelling") option, or disconnect the VPN while you use LAN Room.',
    vpnDefault:
      'the default route goes through {{via}}, a VPN: the local network is still reached directly',
    vpnDefaultFix:
      'Usually fine. If rooms are not found, the VPN may also block local multicast: allow local network access in its settings, or disconnect it while you use LAN Room.',
    vpnOk: 'no VPN captures traffic (default route: {{via}})',
    vpnOkAdapters:
      'no VPN captures traffic (default route: {{via}}); virtual adapters up: {{adapters}} (not used for rooms unless chosen)',
    vpnOkUnreadable: 'the default route could not be read',
    vpnOkUnreadableAdapters:
      'the default route could not be read; virtual adapters up: {{adapters}} (not used for rooms unless chosen)',
    roomNoTarget: 'no room, code or address given: name one to see each step of reaching it',
    roomStepFailed: '{{step}} failed: {{reason}}',
    roomWarned: '{{room}} can be joined, but {{warnings}}',
    roomPlainFix:
      'The room is not encrypted: others on the network can read what is said. Ask the host to start it without --no-tls.',
    roomOk: '{{room}} can be joined: every step passed',
  },
  doctorPanel: {
    intro:
      'Checks what keeps rooms from being found or joined on this network, and says what to do about it.',
    targetLabel: 'Room, code or address (optional)',
    targetHint: 'To see each step of reaching one room.',
    checkAgain: 'Check again',
    progress: 'Checking… {{finished}} of {{total}} done',
    nothingFailed: 'Nothing failed.',
    failed_one: '{{count}} check failed: see what to do below.',
    failed_other: '{{count}} checks failed: see what to do below.',
    checks: 'Checks',
    checking: 'checking',
    checkingLong: 'Checking…',
    statusOk: 'OK',
    statusWarn: 'Warning',
    statusFail: 'Failed',
    statusSkipped: 'Skipped',
    titleStatus: '{{title}}: {{status}}',
    steps: 'Steps',
    whatToDo: 'What to do:',
    details: 'Details',
    done: 'Done',
    titleInterfaces: 'Network interfaces',
    titleMulticast: 'Multicast comes back',
    titleMdnsPort: 'mDNS port 5353',
    titleFirewall: 'Firewall',
    titleVpn: 'VPNs and virtual adapters',
    titleRoom: 'Room',
  },
}

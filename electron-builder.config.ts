/**
 * electron-builder configuration: the installers for Windows, macOS and Linux.
 * `npm run dist` (scripts/dist.ts) passes it with `--config`; README "Building installers" says
 * how to build and sign, test/packaging/ checks it.
 *
 * A TypeScript file rather than YAML so that `tsc` holds every option against electron-builder's
 * own types (the packaging tests import it), comments can say why, and the NSIS script path and
 * the Info.plist values are plain constants the tests can compare with.
 *
 * The version is package.json's; electron-builder reads it from there.
 */
import type { Configuration } from 'electron-builder'

export const PRODUCT_NAME = 'LAN Room'
/** Service type the app advertises and browses over mDNS (src/main/discovery). */
export const BONJOUR_SERVICE = '_lanroom._tcp'

/** The scheme of the app's links (LANROOM_SCHEME in src/shared/lanroom-link.ts). */
export const LINK_SCHEME = 'lanroom'

/**
 * The installers' own languages, one per language the app ships (src/shared/i18n/languages.ts;
 * test/packaging/languages.test.ts holds them equal). NSIS names them by locale, macOS by its
 * .lproj names, the desktop entry by POSIX locale (docs/i18n.md says what each translates).
 */
export const NSIS_LANGUAGES = [
  'en_US',
  'de_DE',
  'fr_FR',
  'es_ES',
  'pt_BR',
  'zh_CN',
  'ja_JP',
  'ar_SA',
]
export const MAC_LOCALIZATIONS = ['en', 'de', 'fr', 'es', 'pt-BR', 'zh-Hans', 'ja', 'ar']
/** The desktop entry's Comment in each language: the catalogue's `installer.comment`. */
export const DESKTOP_COMMENTS: Readonly<Record<string, string>> = {
  'Comment[de]': 'Mit den Menschen in deinem lokalen Netzwerk chatten',
  'Comment[fr]': 'Discutez avec les personnes de votre réseau local',
  'Comment[es]': 'Chatea con las personas de tu red local',
  'Comment[pt_BR]': 'Converse com as pessoas da sua rede local',
  'Comment[zh_CN]': '与局域网中的人聊天',
  'Comment[ja]': 'ローカルネットワーク上の人とチャットします',
  'Comment[ar]': 'تحدّث مع الأشخاص على شبكتك المحلية',
}

/** `${os}` is mac, win or linux; `${arch}` x64 or arm64. No spaces: release pages mangle them. */
const ARTIFACT_NAME = 'LAN-Room-${version}-${os}-${arch}.${ext}'

const config: Configuration = {
  appId: 'org.lanroom.desktop',
  productName: PRODUCT_NAME,
  copyright: 'Copyright © LAN Room developers',
  directories: { output: 'dist', buildResources: 'build' },

  // What the app runs: the electron-vite output and package.json. electron-builder adds the
  // production dependencies (package.json "dependencies" and what they need) to node_modules
  // in the asar itself and leaves devDependencies out. No source maps, sources, tests or docs.
  files: [
    'out/main/**',
    'out/preload/**',
    'out/renderer/**',
    // The guest app a hosted room's hub serves to browsers (#16).
    'out/guest/**',
    'package.json',
    '!**/*.map',
  ],
  asar: true,
  // Electron reads desktopName to set the Linux app_id / WM_CLASS, so that desktops match the
  // app's windows to lanroom.desktop (see linux.syncDesktopName).
  extraMetadata: { desktopName: 'lanroom.desktop' },
  artifactName: ARTIFACT_NAME,
  // lanroom://join/… links (src/shared/lanroom-link.ts) open the app: CFBundleURLTypes on macOS,
  // the installer's registry keys on Windows, the desktop entry's MimeType x-scheme-handler/lanroom on Linux (electron-builder
  // derives it from this list; Exec ends in %U, so the link reaches the app's argv).
  protocols: [{ name: 'LAN Room link', schemes: [LINK_SCHEME] }],

  // Where installed copies look for updates (src/main/updates, docs/updates.md): this project's
  // GitHub Releases, over HTTPS; RELEASE_FEED in src/main/updates/install-kind.ts must name the
  // same (the app refuses an app-update.yml naming another feed). electron-builder writes it into
  // each packaged app as resources/app-update.yml (with, on Windows, the publisher of the signing
  // certificate, whose signature every update must then carry), and writes the update metadata
  // (latest.yml, latest-mac.yml, latest-linux*.yml) and the blockmaps for differential downloads
  // beside the installers. It never uploads: `npm run dist` passes --publish never, and the
  // release workflow attaches everything to the release itself.
  publish: [
    {
      provider: 'github',
      owner: 'lanroom',
      repo: 'lanroom',
      protocol: 'https',
      vPrefixedTagName: true,
      releaseType: 'release',
    },
  ],

  // Fuses are switches compiled into the Electron binary. The app never needs Electron to act
  // as plain Node (the lanroom command runs under Node itself), NODE_OPTIONS or an inspector,
  // and its code is only ever in app.asar: turning those off closes ways to run other code with
  // the app's identity (and its firewall rule). On macOS and Windows Electron also checks
  // app.asar against the header hash electron-builder embeds in the app (Info.plist, the .exe's
  // resources), so an edited app.asar does not start; Linux has no such check yet. file://
  // pages get no extra privileges: the renderer comes from the app:// scheme
  // (src/main/renderer-scheme.ts). Cookie encryption stays off: the app keeps no cookies, and it
  // would ask for the keychain / keyring on first start.
  electronFuses: {
    runAsNode: false,
    enableNodeOptionsEnvironmentVariable: false,
    enableNodeCliInspectArguments: false,
    enableEmbeddedAsarIntegrityValidation: true,
    onlyLoadAppFromAsar: true,
    grantFileProtocolExtraPrivileges: false,
    // Flipping fuses breaks the arm64 binary's ad-hoc signature; an unsigned build must get a
    // new one or macOS refuses to start it. A signed build is signed properly afterwards.
    resetAdHocDarwinSignature: true,
  },

  mac: {
    target: [
      { target: 'dmg', arch: ['x64', 'arm64'] },
      { target: 'zip', arch: ['x64', 'arm64'] },
    ],
    icon: 'build/icon.icns',
    category: 'public.app-category.social-networking',
    hardenedRuntime: true,
    entitlements: 'build/entitlements.mac.plist',
    entitlementsInherit: 'build/entitlements.mac.plist',
    // Since macOS 15 an app may use the local network only after the user allows it, and may
    // browse only the Bonjour types it declares: without these two keys discovery finds nothing.
    extendInfo: {
      NSLocalNetworkUsageDescription:
        'LAN Room uses your local network to find chat rooms nearby, to host rooms, and to let people join them.',
      NSBonjourServices: [BONJOUR_SERVICE],
      // The languages the app speaks: macOS then gives its own parts (the menu bar's standard
      // items, open and save panels) the person's language rather than English.
      CFBundleLocalizations: MAC_LOCALIZATIONS,
    },
    // Signing and notarization follow the environment: see scripts/signing.ts.
  },

  win: {
    target: [{ target: 'nsis', arch: ['x64', 'arm64'] }],
    icon: 'build/icon.ico',
    // An update installs only if it is signed by the same publisher as this copy (the name is
    // taken from the signing certificate into app-update.yml). Unsigned builds have none, and
    // the app then does not update itself at all (src/main/updates/install-kind.ts).
    verifyUpdateCodeSignature: true,
  },
  nsis: {
    // An installer with pages: per-user by default (no administrator rights needed), with the
    // choice to install for all users, which elevates.
    oneClick: false,
    perMachine: false,
    allowElevation: true,
    allowToChangeInstallationDirectory: true,
    createStartMenuShortcut: true,
    createDesktopShortcut: true,
    shortcutName: PRODUCT_NAME,
    installerIcon: 'build/icon.ico',
    uninstallerIcon: 'build/icon.ico',
    // Adds (and the uninstaller removes) the Windows Firewall rule for hosting a room.
    include: 'build/installer.nsh',
    // One installer per architecture rather than one holding both (half the download).
    buildUniversalInstaller: false,
    // A blockmap beside each installer: an update downloads only the blocks that changed.
    differentialPackage: true,
    artifactName: 'LAN-Room-${version}-${os}-${arch}-setup.${ext}',
    // The installer's pages in the system's language (electron-builder's and NSIS's own texts),
    // with a language choice at the start.
    installerLanguages: NSIS_LANGUAGES,
    multiLanguageInstaller: true,
  },

  linux: {
    target: [
      { target: 'AppImage', arch: ['x64', 'arm64'] },
      { target: 'deb', arch: ['x64', 'arm64'] },
      { target: 'rpm', arch: ['x64'] },
    ],
    icon: 'build/icons',
    executableName: 'lanroom',
    // Desktop entry Categories: Network is the main category, Chat the additional one.
    category: 'Network;Chat',
    synopsis: 'Chat with the people on your local network',
    syncDesktopName: true,
    // Comment is the synopsis in English; Comment[xx] the same in each other language.
    desktop: { entry: { Keywords: 'chat;lan;local;network;room;', ...DESKTOP_COMMENTS } },
    // Debian packages need a maintainer; package.json's author has no e-mail address.
    maintainer: 'LAN Room developers',
    vendor: 'LAN Room developers',
  },
}

export default config

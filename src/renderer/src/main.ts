import { mount } from 'svelte'
import App from './App.svelte'
import { onCopy } from './lib/copy-selection'
import { openLink } from './state/open-link.svelte'
import { preferences } from './state/preferences.svelte'
import { snapshot } from './state/snapshot.svelte'
import { timeline } from './state/timeline.svelte'
import { toasts } from './state/toasts.svelte'
import { transfers } from './state/transfers.svelte'
import { update } from './state/update.svelte'
import { GUEST } from './lib/surface'
import { t } from './lib/i18n'
import './assets/main.css'

const target = document.getElementById('app')
if (!target) throw new Error('index.html has no #app element to mount into')

// For the app's lifetime: these subscriptions are never undone.
toasts.connect()
// Before the page has loaded: main hands a waiting lanroom:// link over once it has.
openLink.connect()
// Copying several messages gives their visible text with names and times (copy-selection.ts).
document.addEventListener('copy', onCopy)
void preferences.connect()
transfers.connect()
// The app's own updates; a browser page (the guest app) has none.
if (!GUEST) void update.connect()
void snapshot.connect()
void timeline.connect().then(() => {
  if (timeline.error)
    toasts.push('error', t('startup.messagesNotLoaded', { reason: timeline.error }))
})

export default mount(App, { target })

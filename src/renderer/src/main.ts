import { mount } from 'svelte'
import App from './App.svelte'
import { appState } from './state/app.svelte'
import './assets/main.css'

const target = document.getElementById('app')
if (!target) throw new Error('index.html has no #app element to mount into')

// For the app's lifetime: the subscription is never undone.
void appState.connect()

export default mount(App, { target })

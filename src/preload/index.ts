/**
 * Exposes the contract to the page as `window.lanroom`. The page gets one function per
 * contract entry, never ipcRenderer itself, so it can reach no channel the contract does not
 * name. Runs sandboxed: this file is bundled with its imports into out/preload/index.cjs.
 */
import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron'
import { createBridgeApi } from '../shared/bridge/api'

const api = createBridgeApi({
  invoke: (channel, args) => ipcRenderer.invoke(channel, args),
  on: (channel, listener) => {
    // Electron's event object carries `sender` (ipcRenderer itself): it must not reach the page.
    const forward = (_event: IpcRendererEvent, payload: unknown): void => listener(payload)
    ipcRenderer.on(channel, forward)
    return () => {
      ipcRenderer.removeListener(channel, forward)
    }
  },
  // Only for a real File the person dropped or picked; '' for pasted ones and anything the page
  // made, which then cross as bytes (stageFiles in api.ts). The page never names a path.
  filePath: (file) => webUtils.getPathForFile(file as File),
})

contextBridge.exposeInMainWorld('lanroom', api)

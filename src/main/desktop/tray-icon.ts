/**
 * Which image the tray icon shows. macOS's menu bar wants a template image: black and
 * transparency only, which macOS tints for light and dark menu bars and when the menu is open
 * (a coloured icon looks foreign there and vanishes on some wallpapers). It comes in two scales
 * so that Retina screens get sharp pixels. Windows and Linux trays show the coloured app icon.
 * Plain data: electron-ports.ts builds the NativeImage from the plan.
 */

export interface TrayIconFiles {
  /** The app icon, 32 px. */
  colour: string
  /** build/tray/trayTemplate.png (16 px) and its @2x (32 px). */
  template: string
  template2x: string
}

export type TrayIconPlan =
  | { template: true; representations: Array<{ scaleFactor: number; path: string }> }
  | { template: false; path: string }

export function trayIconPlan(platform: NodeJS.Platform, files: TrayIconFiles): TrayIconPlan {
  if (platform === 'darwin') {
    return {
      template: true,
      representations: [
        { scaleFactor: 1, path: files.template },
        { scaleFactor: 2, path: files.template2x },
      ],
    }
  }
  return { template: false, path: files.colour }
}

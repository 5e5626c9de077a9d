/**
 * Which build this is: the app's window, or the guest page a room's hub serves to browsers
 * (vite.guest.config.ts builds in mode `guest`). A constant at build time, so the guest bundle
 * leaves out what a page never offers (hosting, rooms nearby, the network doctor, folders).
 */
export const GUEST: boolean = import.meta.env.MODE === 'guest'

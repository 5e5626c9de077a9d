/**
 * A byte count as people read it, the same in the CLI and the app: "512 B", "2.1 MB".
 * Units are powers of 1024 written KB, MB, GB, TB, as file managers on Windows and most apps do.
 */
const UNITS = ['KB', 'MB', 'GB', 'TB'] as const

export function formatFileSize(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '? B'
  if (bytes < 1024) return `${Math.round(bytes)} B`
  let value = bytes / 1024
  let unit = 0
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024
    unit++
  }
  // One decimal below 100 ("2.1 MB"), none above ("512 MB"); 1023.96 KB reads as 1.0 MB.
  if (value.toFixed(1) === '1024.0' && unit < UNITS.length - 1) {
    value = 1
    unit++
  }
  return `${value < 100 ? value.toFixed(1) : Math.round(value)} ${UNITS[unit]}`
}

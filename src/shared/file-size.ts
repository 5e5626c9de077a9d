/**
 * A byte count as people read it, the same in the CLI and the app: "512 B", "2.1 MB".
 * Units are powers of 1024 written KB, MB, GB, TB, as file managers on Windows and most apps do.
 * The window writes the same parts (`fileSizeParts`) in the person's language.
 */
const UNITS = ['KB', 'MB', 'GB', 'TB'] as const

export type FileSizeUnit = 'B' | (typeof UNITS)[number]

/** The value in its unit and the decimals to write it with; null for a value that is not a size. */
export interface FileSizeParts {
  value: number
  unit: FileSizeUnit
  decimals: 0 | 1
}

export function fileSizeParts(bytes: number): FileSizeParts | null {
  if (!Number.isFinite(bytes) || bytes < 0) return null
  if (bytes < 1024) return { value: Math.round(bytes), unit: 'B', decimals: 0 }
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
  return { value, unit: UNITS[unit] ?? 'TB', decimals: value < 100 ? 1 : 0 }
}

export function formatFileSize(bytes: number): string {
  const parts = fileSizeParts(bytes)
  if (!parts) return '? B'
  const { value, unit, decimals } = parts
  return `${decimals === 1 ? value.toFixed(1) : Math.round(value)} ${unit}`
}

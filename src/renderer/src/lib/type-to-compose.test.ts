import { describe, expect, it } from 'vitest'
import { typesIntoComposer } from './type-to-compose'

const press = (key: string, extra: Partial<KeyboardEvent> = {}) => ({
  key,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  isComposing: false,
  defaultPrevented: false,
  ...extra,
})
/** An element that is (or is inside) a field, or not. */
const element = (field: boolean) => ({ closest: () => (field ? {} : null) })

describe('typesIntoComposer', () => {
  it('takes printable characters aimed at the list or a message', () => {
    for (const key of ['a', 'Z', '1', '?', 'é', 'ش', '😀']) {
      expect(typesIntoComposer(press(key), element(false))).toBe(true)
    }
    expect(typesIntoComposer(press('a'), null)).toBe(true)
  })

  it('leaves shortcuts, navigation, Space, compositions and fields alone', () => {
    for (const key of [' ', 'Enter', 'Escape', 'ArrowUp', 'Tab', 'PageDown', 'F5']) {
      expect(typesIntoComposer(press(key), element(false))).toBe(false)
    }
    expect(typesIntoComposer(press('c', { ctrlKey: true }), element(false))).toBe(false)
    expect(typesIntoComposer(press('f', { metaKey: true }), element(false))).toBe(false)
    expect(typesIntoComposer(press('x', { altKey: true }), element(false))).toBe(false)
    expect(typesIntoComposer(press('a', { isComposing: true }), element(false))).toBe(false)
    expect(typesIntoComposer(press('a', { defaultPrevented: true }), element(false))).toBe(false)
    expect(typesIntoComposer(press('a'), element(true))).toBe(false)
  })
})

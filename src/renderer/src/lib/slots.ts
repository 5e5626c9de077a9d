/**
 * A translated sentence with markup around some of its pieces (a name in `<bdi>`, a key in
 * `<kbd>`): the sentence stays one catalogue entry, so each language orders it its own way,
 * and is cut where the pieces go. Each piece is marked by a private-use character pair that no
 * catalogue text contains.
 */
const OPEN = '\uE000'
const CLOSE = '\uE001'
const SLOT = /\uE000(\w+)\uE001/

export type Piece = { text: string; slot?: undefined } | { slot: string; text?: undefined }

/**
 * `translate` gets a marker for each name in `slots` (pass them as the placeholders' values);
 * the result is the sentence as text pieces and the named slots, in the language's order.
 */
export function slotted<const S extends string>(
  slots: readonly S[],
  translate: (markers: Record<S, string>) => string,
): Piece[] {
  const markers = Object.fromEntries(slots.map((slot) => [slot, `${OPEN}${slot}${CLOSE}`]))
  const parts = translate(markers as Record<S, string>).split(SLOT)
  const pieces: Piece[] = []
  parts.forEach((part, index) => {
    if (index % 2 === 1) pieces.push({ slot: part })
    else if (part !== '') pieces.push({ text: part })
  })
  return pieces
}

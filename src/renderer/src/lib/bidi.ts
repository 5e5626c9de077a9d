/**
 * Names and text of either direction inside a sentence of ours, where markup (`<bdi>`) cannot
 * go: titles and accessible names. First Strong Isolate … Pop Directional Isolate keeps a Hebrew
 * name from reordering the words around it ("שרה, Bob and 2 more").
 */
export function isolate(text: string): string {
  return `\u2068${text}\u2069`
}

/**
 * Jupyter counts cursor positions in Unicode code points (protocol 5.2+); JavaScript strings index UTF-16 code units.
 */

/** The UTF-16 index of code point `position` in `text`. */
export function utf16Index(text: string, position: number): number {
  let index = 0;
  for (let seen = 0; seen < position && index < text.length; seen++) {
    const code = text.charCodeAt(index);
    index += code >= 0xd800 && code <= 0xdbff && index + 1 < text.length ? 2 : 1;
  }
  return index;
}

/** The code point position of UTF-16 index `index` in `text`. */
export function codePointPosition(text: string, index: number): number {
  let position = 0;
  for (let i = 0; i < index && i < text.length; position++) {
    const code = text.charCodeAt(i);
    i += code >= 0xd800 && code <= 0xdbff && i + 1 < text.length ? 2 : 1;
  }
  return position;
}

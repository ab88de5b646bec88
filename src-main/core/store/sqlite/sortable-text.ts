// Order-preserving text for SQLite index columns.
//
// RxDB's indexable strings and query bounds compare as JavaScript strings: UTF-16 code unit by
// code unit. SQLite's BINARY collation compares the UTF-8 bytes, i.e. code points. The two orders
// agree below U+D800 and disagree after it: an astral character (a surrogate pair, e.g. an emoji)
// sorts before U+E000..U+FFFF in JavaScript but after them in SQLite. RxDB pads upper bounds with
// U+FFFF (INDEX_MAX), so a raw TEXT column would silently drop "😀 Ann" from `name > 'A'`.
//
// Guarantee: for all strings a, b: sign(a < b) in JavaScript equals the SQLite BINARY order of
// toSortableText(a) and toSortableText(b), and the mapping is injective. Strings without a code
// unit >= U+D800 (nearly all of them) are returned unchanged, so the common path costs one regex.
// Code units D800..FFFF are remapped one by one, in order, to code points above U+FFFF:
//   D800..DFFF (surrogate halves, lone or paired) -> U+10000 + (unit - 0xD800)
//   E000..FFFF                                   -> U+10800 + (unit - 0xE000)
// Both images are valid scalar values (no surrogates reach SQLite), above every unit < D800, and
// keep their relative order.

const NEEDS_REMAP = /[\uD800-\uFFFF]/;

export function toSortableText(value: string): string {
  if (!NEEDS_REMAP.test(value)) {
    return value;
  }
  let out = '';
  for (let i = 0; i < value.length; i++) {
    const unit = value.charCodeAt(i);
    if (unit < 0xd800) {
      out += value.charAt(i);
    } else if (unit < 0xe000) {
      out += String.fromCodePoint(0x10000 + (unit - 0xd800));
    } else {
      out += String.fromCodePoint(0x10800 + (unit - 0xe000));
    }
  }
  return out;
}

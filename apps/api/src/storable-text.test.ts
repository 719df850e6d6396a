import { describe, expect, it } from 'vitest';
import { isStorableText, toStorableText } from './storable-text.ts';

describe('isStorableText', () => {
  it.each(['', 'admin@acme.example', 'tab\tand\nnewline', 'é', '\u{1F600}', '\ud83d\ude00'])('accepts %j', (text) => {
    expect(isStorableText(text)).toBe(true);
  });

  it.each(['\u0000', 'a\u0000b', '\ud800', 'x\udc00', '\ude00\ud83d', 'end\ud83d'])('refuses %j', (text) => {
    expect(isStorableText(text)).toBe(false);
  });
});

describe('toStorableText', () => {
  it.each([
    ['a\u0000b', 'a b'],
    ['bad\u0007\u001b[31mscope\r\n', 'bad [31mscope '],
    ['x\ud800y', 'x\ufffdy'],
    ['\ude00\ud83d', '\ufffd\ufffd'],
    ['kept \u{1F600} é', 'kept \u{1F600} é'],
  ])('turns %j into %j, which is storable', (text, expected) => {
    expect(toStorableText(text)).toBe(expected);
    expect(isStorableText(toStorableText(text))).toBe(true);
  });
});

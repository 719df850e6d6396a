import fc from 'fast-check';

// Characters and snippets that have broken HTTP APIs before: NUL (PostgreSQL refuses it), lone
// surrogates (no UTF-8 form), other controls, look-alike whitespace, path and query tricks.
const SPECIALS = [
  '\u0000',
  '\ud800',
  '\udbff',
  '\udc00',
  '\udfff',
  '\u0007',
  '\u001b',
  '\u007f',
  '\u0085',
  '\u00a0',
  '\u2028',
  '\ufeff',
  '\u202e',
  '\ufffd',
  ' ',
  '\t',
  '\n',
  '\r\n',
  '%',
  '%00',
  '%zz',
  '../',
  '..%2f',
  '/',
  '?',
  '#',
  '&',
  '=',
  '__proto__',
  'constructor',
  'prototype',
  "' OR '1'='1",
  '<script>',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a template-injection probe, meant literally
  '${7*7}',
  '\\',
  '"',
  '😀',
  'é',
];

/** One hostile character or snippet. */
const special = fc.constantFrom(...SPECIALS);

/** Strings meant to break validation, storage or encoding: controls, lone surrogates, blanks, huge ones. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  {
    arbitrary: fc.string({
      unit: fc.oneof(special, fc.string({ unit: 'binary', minLength: 1, maxLength: 1 })),
      maxLength: 12,
    }),
    weight: 4,
  },
  { arbitrary: special, weight: 2 },
  { arbitrary: fc.constantFrom('', ' ', '   ', '\t\n'), weight: 1 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 40 }), weight: 1 },
  { arbitrary: fc.constantFrom(255, 256, 300, 2049, 20_000).map((length) => 'x'.repeat(length)), weight: 1 },
);

/** Any JSON value of the wrong kind, or a hostile string. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: hostileString, weight: 4 },
  { arbitrary: fc.oneof(fc.integer(), fc.double(), fc.boolean(), fc.constant(null)), weight: 1 },
  { arbitrary: fc.jsonValue({ maxDepth: 3 }), weight: 1 },
);

/** Sets an own, enumerable property, `__proto__` included, so that JSON.stringify writes it out. */
function withProperty(target: Record<string, unknown>, key: string, value: unknown): Record<string, unknown> {
  return Object.defineProperty(target, key, { value, enumerable: true, configurable: true, writable: true });
}

/** `base` as it is, or with up to three fields dropped, replaced by hostile values, or added. */
export function mutated(
  base: Record<string, unknown>,
  extraKeys: readonly string[],
): fc.Arbitrary<Record<string, unknown>> {
  const change = fc.tuple(
    fc.constantFrom(...Object.keys(base), ...extraKeys),
    fc.option(hostileValue, { nil: undefined }),
  );
  return fc.array(change, { maxLength: 3 }).map((changes) => {
    const body: Record<string, unknown> = { ...base };
    for (const [key, value] of changes) {
      if (value === undefined) delete body[key];
      else withProperty(body, key, value);
    }
    return body;
  });
}

/** Request bodies as raw text: JSON that is not valid, poisoned, too deep, or not JSON at all. */
export const rawBody: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '',
    '{',
    '{"host":',
    '[1,]',
    'nul',
    'undefined',
    '\u0000',
    '"\\u0000"',
    '{"a":"\\ud800"}',
    '{"a":1,"a":2}',
    '{"__proto__":{"polluted":true},"password":"x"}',
    '{"constructor":{"prototype":{"polluted":true}}}',
    '{"host":"acme.my.salesforce.com","__proto__":{"isAdmin":true}}',
    'host=acme.my.salesforce.com&password=x',
  ),
  fc.integer({ min: 10, max: 5000 }).map((depth) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`),
  fc.integer({ min: 10, max: 8000 }).map((depth) => `${'['.repeat(depth)}${']'.repeat(depth)}`),
  fc.string({ unit: 'binary', maxLength: 200 }),
);

/** The bytes a sloppy encoder sends for a lone surrogate: its WTF-8 form, which no decoder accepts. */
function wtf8(unit: number): string {
  return [0xe0 | (unit >> 12), 0x80 | ((unit >> 6) & 0x3f), 0x80 | (unit & 0x3f)]
    .map((byte) => `%${byte.toString(16).toUpperCase()}`)
    .join('');
}

/** Percent-encodes text for a path segment or query component; a lone surrogate becomes its WTF-8 bytes. */
export function encodeComponent(text: string): string {
  let encoded = '';
  for (const char of text) {
    encoded += /\p{Cs}/u.test(char) ? wtf8(char.charCodeAt(0)) : encodeURIComponent(char);
  }
  return encoded;
}

/** A path segment or query component: usually encoded, sometimes raw escapes a decoder must refuse. */
export const urlComponent = (value: fc.Arbitrary<string>): fc.Arbitrary<string> =>
  fc.oneof(
    { arbitrary: value.map(encodeComponent), weight: 5 },
    {
      arbitrary: fc.constantFrom('%', '%zz', '%00', '%ED%A0%80', '%C0%AF', '%2e%2e', '%2F', '..', '.', '%25'),
      weight: 1,
    },
  );

// PostgreSQL text cannot hold U+0000, and a lone UTF-16 surrogate has no UTF-8 form (node-postgres
// would store U+FFFD in its place): the first fails the query, the second changes the value.
// biome-ignore lint/suspicious/noControlCharactersInRegex: NUL is exactly what this looks for
const UNSTORABLE = /\u0000|\p{Cs}/u;
const CONTROL = /\p{Cc}+/gu;
const LONE_SURROGATE = /\p{Cs}/gu;

/** Whether PostgreSQL can store `text` exactly as it is: no NUL and no unpaired surrogate. */
export function isStorableText(text: string): boolean {
  return !UNSTORABLE.test(text);
}

/**
 * Text from a third party made safe to store and show on one line: control characters (NUL
 * included) become a space, unpaired surrogates the replacement character U+FFFD.
 */
export function toStorableText(text: string): string {
  return text.replace(CONTROL, ' ').replace(LONE_SURROGATE, '\uFFFD');
}

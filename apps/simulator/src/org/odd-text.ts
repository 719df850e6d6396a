/**
 * Notes appended to some generated descriptions, so that clients meet what admins type: quotes, apostrophes,
 * non-ASCII letters, symbols and line breaks.
 */
const NOTES = [
  '\nOwned by "Revenue Ops": ask Zoë before changing it.',
  " Don't edit by hand — it's synced nightly.",
  '\n• Source: ERP\n• Refresh: weekly ✓',
  ' Used by the “Q3 Board Pack” (€ figures).',
  ' Ünïcödé-safe: 日本語, Ελληνικά, emoji 🚀.',
];

/** `text` with the n-th note (cycling) when `n` is a multiple of `every`, `text` as it is otherwise. */
export function withOddNote(text: string, n: number, every: number): string {
  if (n % every !== every - 1) return text;
  return text + NOTES[Math.floor(n / every) % NOTES.length]!;
}

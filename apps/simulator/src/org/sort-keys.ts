/** Copies an object with its keys in alphabetical order, the order Salesforce's JSON uses. */
export function sortKeys<T extends object>(value: T): T {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) out[key] = (value as Record<string, unknown>)[key];
  return out as T;
}

/**
 * The document as openapi-typescript can type it. JSON Schema's `if`/`then`/`else` (the API's POST
 * /connections body picks its branch by `authType`) is not read by openapi-typescript, which would type the
 * body as an empty object; the body is either branch, so it becomes `oneOf: [then, else]`. Everything else is
 * left as served.
 */
export function typeableDocument(document: unknown): unknown {
  if (Array.isArray(document)) return document.map(typeableDocument);
  if (typeof document !== 'object' || document === null) return document;
  const node = Object.fromEntries(Object.entries(document).map(([key, value]) => [key, typeableDocument(value)]));
  if (!('if' in node && 'then' in node && 'else' in node)) return node;
  const { if: _condition, then: matched, else: otherwise, ...rest } = node;
  return { ...rest, oneOf: [matched, otherwise] };
}

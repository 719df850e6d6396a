import type { FastifyInstance } from 'fastify';

/** One method of one route, with its path as registered (`:param`, `*`). */
export interface RouteEntry {
  method: string;
  url: string;
}

// A line of `printRoutes({ commonPrefix: false })`: the tree's indentation, a branch, the path
// segment that extends its parent's, and the methods when the segment is a route of its own.
const LINE = /^((?:│ {3}| {4})*)(?:├── |└── )(.*?)(?: \(([A-Z, ]+)\))?$/;

/**
 * Every route the app serves, read from the router's own tree: a route added later is listed
 * without anyone remembering to add it here.
 */
export function routeTable(app: FastifyInstance): RouteEntry[] {
  const entries: RouteEntry[] = [];
  const segments: string[] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const match = LINE.exec(line);
    if (!match) continue;
    const [, indent = '', segment = '', methods] = match;
    segments.length = indent.length / 4;
    segments.push(segment);
    for (const method of methods?.split(', ') ?? []) entries.push({ method, url: segments.join('') });
  }
  return entries;
}

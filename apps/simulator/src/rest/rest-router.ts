import { checkPathPermission } from '../runtime/permissions.ts';
import { RestError, restErrors } from './rest-error.ts';
import type { RestContext, RestRequest, RestResponse, RestRoute } from './rest-types.ts';

/** The route a path belongs to, if any, whatever the method. */
export function findRoute(routes: readonly RestRoute[], path: string): { route: RestRoute; params: string[] } | null {
  for (const route of routes) {
    const match = route.pattern.exec(path);
    if (match) return { route, params: match.slice(1).map((p) => decodeURIComponent(p ?? '')) };
  }
  return null;
}

/**
 * Runs the matching handler; unknown paths, wrong methods, paths the user's permissions close and thrown
 * RestErrors become Salesforce error bodies. Composite subrequests come through here too, so they meet the same.
 */
export function dispatchRest(routes: readonly RestRoute[], request: RestRequest, context: RestContext): RestResponse {
  try {
    checkPathPermission(context.org.faults.faults, request.path);
    const found = findRoute(routes, request.path);
    if (!found) throw restErrors.notFound();
    if (!found.route.methods.includes(request.method))
      throw restErrors.methodNotAllowed(request.method, found.route.methods);
    return found.route.handle(request, context, found.params);
  } catch (error) {
    if (error instanceof RestError) return errorResponse(error);
    throw error;
  }
}

/** A RestError as a response. */
export function errorResponse(error: RestError): RestResponse {
  return { status: error.status, body: error.body() };
}

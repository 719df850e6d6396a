import type { RequestKind } from '../runtime/counters.ts';
import type { OrgRuntime } from '../runtime/org-runtime.ts';

/** A REST call addressed to one org, from HTTP or from a composite subrequest. */
export interface RestRequest {
  method: string;
  /** API version without the 'v', e.g. '62.0'. */
  version: string;
  /** Path after /services/data/vNN.0, e.g. '/sobjects/Account/describe'; '' for the resource list. */
  path: string;
  query: URLSearchParams;
  /** Lower-case header names. */
  headers: Record<string, string | undefined>;
  body: unknown;
}

/** A REST answer; `json` is a pre-serialized body (cached describes) sent as is over HTTP. */
export interface RestResponse {
  status: number;
  body?: unknown;
  json?: string;
  headers?: Record<string, string>;
}

/** What handlers may use: the org's state, and the dispatcher composite calls for each subrequest. */
export interface RestContext {
  org: OrgRuntime;
  dispatch(request: RestRequest): RestResponse;
}

/** One REST resource: its path pattern, methods, request kind and handler. */
export interface RestRoute {
  kind: RequestKind;
  pattern: RegExp;
  methods: readonly string[];
  /** API calls charged; composite/batch charges one per subrequest. */
  cost?(request: RestRequest): number;
  handle(request: RestRequest, context: RestContext, params: string[]): RestResponse;
}

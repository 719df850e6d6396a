import type { HttpRequest, HttpRequestOptions, HttpResponse } from 'jsforce';
import { Transport } from 'jsforce/lib/transport.js';

/** The API usage that a `Sforce-Limit-Info` header reports. */
export interface ApiUsage {
  used: number;
  max: number;
}

/**
 * A jsforce transport for one request that remembers the HTTP status and API usage of the
 * response: jsforce's own errors drop the status, which the retry decision and metrics need.
 */
export class ResponseCapture extends Transport {
  status: number | undefined;
  apiUsage: ApiUsage | undefined;

  override httpRequest(request: HttpRequest, options?: HttpRequestOptions) {
    const pending = super.httpRequest(request, options);
    pending.then(
      (response: HttpResponse) => this.record(response),
      () => {},
    );
    return pending;
  }

  private record(response: HttpResponse): void {
    this.status = response.statusCode;
    const match = /api-usage=(\d+)\/(\d+)/.exec(response.headers['sforce-limit-info'] ?? '');
    if (match) this.apiUsage = { used: Number(match[1]), max: Number(match[2]) };
  }
}

import type { CreateConnection, Extraction } from '@sfmeta/client/api-types';
import { createSfmetaClient, type SfmetaClient } from '@sfmeta/client/sfmeta-client';
import { unwrap } from '@sfmeta/client/unwrap';
import { waitForConnection } from '@sfmeta/client/wait-for-connection';
import { waitForExtraction } from '@sfmeta/client/wait-for-extraction';

/** An extraction run as GET /extractions/{id} answers it, typed by the API's OpenAPI document. */
export type RunView = Extraction;

/** The sfmeta API over real HTTP, as a client on the network would call it: @sfmeta/client for the flow. */
export class ApiClient {
  /** The typed client. */
  readonly client: SfmetaClient;

  constructor(
    readonly url: string,
    private readonly apiKey: string,
  ) {
    this.client = createSfmetaClient({ baseUrl: url, apiKey });
  }

  /**
   * A plain request to a path the bench builds itself (catalog pages, lineage walks), answering the status
   * and the parsed body, for reads whose time the bench measures on their own.
   */
  async call<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<{ status: number; body: T }> {
    const response = await fetch(this.url + path, {
      method,
      headers: {
        'x-api-key': this.apiKey,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T };
  }

  /** Registers a connection and waits until it is connected. */
  async connect(body: CreateConnection): Promise<string> {
    const created = unwrap(await this.client.POST('/api/v1/connections', { body }));
    const connection = await waitForConnection(this.client, created.id, { intervalMs: 100 });
    if (connection.status !== 'connected') throw new Error(`connection ${created.id}: ${JSON.stringify(connection)}`);
    return created.id;
  }

  /** Starts an extraction. */
  async startRun(connectionId: string, mode: 'full' | 'incremental'): Promise<string> {
    const started = await this.client.POST('/api/v1/connections/{id}/extractions', {
      params: { path: { id: connectionId } },
      body: { mode },
    });
    return unwrap(started).id;
  }

  /** Waits until a run ends; throws unless it succeeded. */
  async waitForRun(runId: string, pollMs = 50): Promise<RunView> {
    const run = await waitForExtraction(this.client, runId, { intervalMs: pollMs });
    if (run.status !== 'succeeded') throw new Error(`run ${runId} failed: ${JSON.stringify(run.error)}`);
    return run;
  }
}

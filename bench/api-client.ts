/** The parts of an extraction run the bench reads. */
export interface RunView {
  id: string;
  status: 'queued' | 'running' | 'succeeded' | 'failed';
  mode: 'full' | 'incremental';
  progress: { objectsTotal: number | null; objectsDone: number };
  counts: {
    objects: number;
    fields: number;
    objectsUnchanged: number;
    versionsWritten: number;
    warnings?: number;
    reports?: number | null;
    dashboards?: number | null;
    apexClasses?: number | null;
    apexTriggers?: number | null;
  };
  apiCalls: number;
  error: { code: string; message: string | null } | null;
  /** On GET /extractions/{id}: the parts Salesforce refused or the budget left out, and why. */
  skipped?: { part: string; code: string; message: string }[];
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The sfmeta API over real HTTP, as a client on the network would call it. */
export class ApiClient {
  constructor(
    readonly url: string,
    private readonly apiKey: string,
  ) {}

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
  async connect(body: object): Promise<string> {
    const created = await this.call<{ id: string }>('POST', '/api/v1/connections', body);
    if (created.status !== 202) throw new Error(`POST /connections answered ${created.status}`);
    for (;;) {
      const { body: view } = await this.call<{ status: string; statusReason?: unknown }>(
        'GET',
        `/api/v1/connections/${created.body.id}`,
      );
      if (view.status === 'connected') return created.body.id;
      if (view.status !== 'pending') throw new Error(`connection ${created.body.id}: ${JSON.stringify(view)}`);
      await sleep(100);
    }
  }

  /** Starts an extraction. */
  async startRun(connectionId: string, mode: 'full' | 'incremental'): Promise<string> {
    const started = await this.call<RunView>('POST', `/api/v1/connections/${connectionId}/extractions`, { mode });
    if (started.status !== 202) throw new Error(`POST /extractions answered ${started.status}`);
    return started.body.id;
  }

  /** Waits until a run ends; throws unless it succeeded. */
  async waitForRun(runId: string, pollMs = 50): Promise<RunView> {
    for (;;) {
      const { body: run } = await this.call<RunView>('GET', `/api/v1/extractions/${runId}`);
      if (run.status === 'succeeded') return run;
      if (run.status === 'failed') throw new Error(`run ${runId} failed: ${JSON.stringify(run.error)}`);
      await sleep(pollMs);
    }
  }
}

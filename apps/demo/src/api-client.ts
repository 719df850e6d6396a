/** A few calls of sfmeta's REST API, as any client would make them. */
export class ApiClient {
  constructor(
    private readonly baseUrl: string,
    private readonly apiKey: string,
  ) {}

  async call<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
    const response = await fetch(new URL(path, this.baseUrl), {
      method,
      headers: {
        'x-api-key': this.apiKey,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }

  /** Polls `path` until `done` says so, reporting each answer. */
  async waitFor<T>(path: string, done: (value: T) => boolean, onPoll: (value: T) => void = () => {}): Promise<T> {
    for (;;) {
      const value = await this.call<T>('GET', path);
      onPoll(value);
      if (done(value)) return value;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}

/**
 * Counts the warnings and errors (pino levels 40 and up) the API and the worker log, by message, and the
 * lines that are not pino's JSON (a crash's stack trace, a Node.js warning), by app.
 */
export class LogWatch {
  private readonly byMessage = new Map<string, { count: number; examples: string[] }>();

  see(app: string, line: string): void {
    if (line.trim() === '') return;
    let key: string;
    try {
      const entry = JSON.parse(line) as { level?: unknown; msg?: unknown };
      if (typeof entry.level !== 'number' || entry.level < 40) return;
      key = `${app} ${entry.level >= 50 ? 'error' : 'warn'}: ${String(entry.msg)}`;
    } catch {
      key = `${app}: lines that are not JSON logs`;
    }
    const seen = this.byMessage.get(key) ?? { count: 0, examples: [] };
    seen.count++;
    if (seen.examples.length < 4) seen.examples.push(line.slice(0, 400));
    this.byMessage.set(key, seen);
  }

  print(path: string): void {
    console.log(`\nAPI and worker log: ${path}`);
    if (this.byMessage.size === 0) console.log('no warnings or errors logged');
    for (const [key, { count, examples }] of this.byMessage) {
      console.log(`${count} × ${key}${examples.map((example) => `\n    ${example}`).join('')}`);
    }
  }
}

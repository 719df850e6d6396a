import type { Writable } from 'node:stream';
import { createSfmetaClient, type SfmetaClient } from '@sfmeta/client/sfmeta-client';
import type { Settings } from './settings.ts';

/** An output stream, with what a terminal tells about itself. */
export type OutputStream = Writable & { isTTY?: boolean; columns?: number };

/** The process's streams and environment, passed in so that nothing reads them at import time. */
export interface CliIo {
  env: Record<string, string | undefined>;
  stdout: OutputStream;
  stderr: OutputStream;
}

/** What a command works with: the client, the settings and the output. */
export interface CliContext {
  client: SfmetaClient;
  settings: Settings;
  io: CliIo;
  /**
   * Where progress and notes go: stdout, or stderr with --json so that stdout carries only the JSON result.
   */
  live: OutputStream;
  /** Writes the command's result: `lines` for people, or `value` as JSON with --json. */
  print(lines: string | string[], value: unknown): void;
  /** Writes a note for people (a URL to open, what is being waited for) on the live stream. */
  say(line: string): void;
}

/** The context for one run of a command. */
export function createCliContext(settings: Settings, io: CliIo): CliContext {
  const live = settings.json ? io.stderr : io.stdout;
  return {
    client: createSfmetaClient({ baseUrl: settings.baseUrl, apiKey: settings.apiKey }),
    settings,
    io,
    live,
    print: (lines, value) => {
      const text = settings.json ? JSON.stringify(value, null, 2) : [lines].flat().join('\n');
      io.stdout.write(`${text}\n`);
    },
    say: (line) => {
      live.write(`${line}\n`);
    },
  };
}

import { fleetSlots } from '@sfmeta/queue/describe-batch-size';
import type { Queues } from '@sfmeta/queue/queues';
import { type AppProcess, startApp, workerNodeOptions } from './bench-processes.ts';
import { processCpuMs } from './process-cpu.ts';
import { sampleRss } from './process-memory.ts';

/** How a run's objects were fanned out, from the worker's `objects listed` line. */
export interface FanOut {
  objects: number;
  jobs: number;
  objectsPerJob: number;
}

/** Worker processes of one stack, started, measured and stopped together. */
export interface WorkerFleet {
  workers: AppProcess[];
  /** CPU the workers used so far, ms, summed over the processes. */
  cpuMs(): number;
  /** Rejects when any worker exits before `stop`: race a wait against it. */
  crashed: Promise<never>;
  /** Samples every worker's RSS until the returned function is called, which answers the largest peak, bytes. */
  sampleRss(): () => number;
  /** Each run's fan-out, by run id, as the workers logged it. */
  fanOuts: Map<string, FanOut>;
  /** Warnings and errors the workers logged, by level and message: how many of each. */
  warnings: Map<string, number>;
  stop(): Promise<void>;
}

/**
 * Starts `count` worker processes with `env`, at production's heap limit unless told otherwise (as
 * `npm start` and docker-compose.yml run them), all at once.
 */
export async function startWorkerFleet(
  count: number,
  env: Record<string, string>,
  options: { built?: boolean; heapMb?: number } = {},
): Promise<WorkerFleet> {
  const fanOuts = new Map<string, FanOut>();
  const warnings = new Map<string, number>();
  const onLine = (line: string) => {
    let entry: Partial<FanOut> & { level: number; msg: string; runId?: string };
    try {
      entry = JSON.parse(line);
    } catch {
      return; // not pino's JSON: a Node.js warning, a stack trace
    }
    if (entry.level >= 40) {
      const key = `${entry.level >= 50 ? 'error' : 'warn'}: ${entry.msg}`;
      warnings.set(key, (warnings.get(key) ?? 0) + 1);
    }
    if (entry.msg === 'objects listed' && entry.runId) {
      fanOuts.set(entry.runId, { objects: entry.objects!, jobs: entry.jobs!, objectsPerJob: entry.objectsPerJob! });
    }
  };
  const workers = await Promise.all(
    Array.from({ length: count }, () =>
      startApp('@sfmeta/worker/main', env, (line) => line.includes('worker started'), {
        built: options.built ?? false,
        nodeOptions: workerNodeOptions(options.heapMb),
        onLine,
      }),
    ),
  );
  const crashed = Promise.race(workers.map((worker) => worker.crashed));
  // Handled here so that a crash nobody races against is not an unhandled rejection.
  crashed.catch(() => {});
  return {
    workers,
    cpuMs: () => workers.reduce((sum, worker) => sum + processCpuMs(worker.pid), 0),
    crashed,
    sampleRss: () => {
      const samplers = workers.map((worker) => sampleRss(worker.pid));
      return () => Math.max(...samplers.map((sampler) => sampler.stop().peak));
    },
    fanOuts,
    warnings,
    stop: async () => {
      await Promise.all(workers.map((worker) => worker.stop()));
    },
  };
}

/** Waits until `count` workers listen on `queue` (as discover counts them), for at most `timeoutMs`. */
export async function untilListening(queue: Queues['describe'], count: number, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while ((await fleetSlots(queue, 1)) < count) {
    if (Date.now() > deadline) throw new Error(`fewer than ${count} workers listen on the ${queue.name} queue`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Prints what the workers logged at warn level and above, or that they logged nothing there. */
export function printWarnings(label: string, warnings: Map<string, number>): void {
  if (warnings.size === 0) console.log(`${label}: no warnings or errors logged`);
  for (const [key, count] of warnings) console.log(`${label}: ${count} × ${key}`);
}

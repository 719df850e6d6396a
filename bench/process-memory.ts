import { readdirSync, readFileSync } from 'node:fs';

const read = (path: string) => {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined; // the process exited meanwhile
  }
};

/** VmRSS in bytes; undefined when the process is gone. */
function rssOf(pid: number): number | undefined {
  const match = read(`/proc/${pid}/status`)?.match(/^VmRSS:\s+(\d+) kB$/m);
  return match ? Number(match[1]) * 1024 : undefined;
}

/** `root` and its descendants that run node (a tsx CLI would start the app in a child node). */
function nodeProcesses(root: number): number[] {
  const parents = new Map<number, number>();
  const commands = new Map<number, string>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = read(`/proc/${entry}/stat`);
    if (!stat) continue;
    const close = stat.lastIndexOf(')');
    commands.set(Number(entry), stat.slice(stat.indexOf('(') + 1, close));
    parents.set(Number(entry), Number(stat.slice(close + 2).split(' ')[1]));
  }
  const tree = new Set([root]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const [pid, parent] of parents) {
      if (tree.has(parent) && !tree.has(pid)) {
        tree.add(pid);
        grew = true;
      }
    }
  }
  return [...tree].filter((pid) => pid === root || commands.get(pid) === 'node');
}

/** Samples the largest RSS among a process and its node descendants every `intervalMs`, until stopped. */
export function sampleRss(root: number, intervalMs = 100): { stop(): { peak: number; samples: number } } {
  let peak = 0;
  let samples = 0;
  let pids = nodeProcesses(root);
  let ticks = 0;
  const take = () => {
    // The tree is rescanned once a second; RSS is read every tick.
    if (++ticks % 10 === 0) pids = nodeProcesses(root);
    const largest = Math.max(0, ...pids.map((pid) => rssOf(pid) ?? 0));
    peak = Math.max(peak, largest);
    samples++;
  };
  take();
  const timer = setInterval(take, intervalMs);
  return {
    stop() {
      clearInterval(timer);
      take();
      return { peak, samples };
    },
  };
}

/** The current largest RSS among a process and its node descendants. */
export function currentRss(root: number): number {
  return Math.max(0, ...nodeProcesses(root).map((pid) => rssOf(pid) ?? 0));
}

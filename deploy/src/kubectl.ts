import { execFileSync } from 'node:child_process';

/** The kubectl that renders the kustomizations: `$KUBECTL`, else `kubectl` on the PATH. */
export const kubectl = process.env.KUBECTL ?? 'kubectl';

/** Components, `labels` and targeted JSON patches need kustomize 5 (kubectl 1.27 and later). */
const MIN_KUSTOMIZE_MAJOR = 5;

/** Runs kubectl and returns what it printed; says how to get kubectl when there is none. */
export function runKubectl(args: string[]): string {
  try {
    return execFileSync(kubectl, args, {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new Error(`${kubectl} not found: install kubectl 1.27+ (.ci/run does) or set KUBECTL to its path`);
    }
    const stderr = String((error as { stderr?: unknown }).stderr ?? '').trim();
    throw new Error(`${kubectl} ${args.join(' ')} failed: ${stderr || String(error)}`);
  }
}

/** The version of kubectl's built-in kustomize (`v5.5.0`); throws when it is older than this repository needs. */
export function checkKustomizeVersion(): string {
  const { kustomizeVersion } = JSON.parse(runKubectl(['version', '--client', '-o', 'json'])) as {
    kustomizeVersion?: string;
  };
  const major = Number(/^v?(\d+)\./.exec(kustomizeVersion ?? '')?.[1]);
  if (!(major >= MIN_KUSTOMIZE_MAJOR)) {
    throw new Error(
      `${kubectl}'s kustomize is ${kustomizeVersion ?? 'unknown'}: v${MIN_KUSTOMIZE_MAJOR} or later needed`,
    );
  }
  return kustomizeVersion as string;
}

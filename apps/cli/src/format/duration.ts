const pad = (value: number) => String(value).padStart(2, '0');

/** A duration for people: `42s`, `3m 05s`, `2h 07m`; whole seconds, rounded up so that 0.2 s reads `1s`. */
export function formatDuration(seconds: number): string {
  const total = Math.max(0, Math.ceil(seconds));
  if (total < 60) return `${total}s`;
  const minutes = Math.floor(total / 60);
  if (minutes < 60) return `${minutes}m ${pad(total % 60)}s`;
  return `${Math.floor(minutes / 60)}h ${pad(minutes % 60)}m`;
}

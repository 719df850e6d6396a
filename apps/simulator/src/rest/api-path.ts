/** The API versions the simulator accepts in paths, oldest first. */
export const MIN_VERSION = 20;
export const MAX_VERSION = 62;

/** Where a /services/data URL points. */
export type DataPath =
  | { type: 'versions' }
  | { type: 'api'; version: string; supported: boolean; path: string; query: URLSearchParams };

/** Splits '/services/data/v62.0/sobjects?x=1' into version, sub-path and query; null when not under /services/data. */
export function parseDataPath(url: string): DataPath | null {
  const q = url.indexOf('?');
  const pathname = q === -1 ? url : url.slice(0, q);
  const query = new URLSearchParams(q === -1 ? '' : url.slice(q + 1));
  if (pathname === '/services/data' || pathname === '/services/data/') return { type: 'versions' };
  const match = /^\/services\/data\/v(\d+)\.0(\/.*)?$/.exec(pathname);
  if (!match) {
    return pathname.startsWith('/services/data/')
      ? { type: 'api', version: '', supported: false, path: '', query }
      : null;
  }
  const major = Number(match[1]);
  const path = (match[2] ?? '').replace(/\/$/, '');
  return { type: 'api', version: `${major}.0`, supported: major >= MIN_VERSION && major <= MAX_VERSION, path, query };
}

/** The versions list body: [{label, url, version}] from 20.0 to 62.0, labelled by release ('Winter '25'). */
export function versionsList(): { label: string; url: string; version: string }[] {
  const seasons = ['Winter', 'Spring', 'Summer'];
  const out = [];
  for (let v = MIN_VERSION; v <= MAX_VERSION; v++) {
    const n = v - MIN_VERSION;
    const year = String(11 + Math.floor(n / 3)).padStart(2, '0');
    out.push({ label: `${seasons[n % 3]} '${year}`, url: `/services/data/v${v}.0`, version: `${v}.0` });
  }
  return out;
}

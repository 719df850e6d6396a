import type { OrgSpec } from '../org-spec.ts';
import type { Prng } from '../prng.ts';
import { randomId } from '../salesforce-id.ts';
import { PEOPLE } from './word-lists.ts';

/** A user of the org, as SOQL's User table shows it; the API user is the first. */
export interface OrgUser {
  /** 18-character id ('005...'). */
  id: string;
  name: string;
  email: string;
  username: string;
  isActive: boolean;
  systemModstamp: Date;
}

const DAY_MS = 86_400_000;

/** Letters a user name or e-mail address can hold: accents dropped, apostrophes and spaces gone. */
const ascii = (text: string) =>
  text
    .normalize('NFD')
    .replace(/[^A-Za-z]/g, '')
    .toLowerCase();

/**
 * The API user (id `apiUserId`, the spec's username) and a handful of colleagues, one of whom has left (inactive):
 * the people who create and change the org's metadata.
 */
export function generateUsers(spec: OrgSpec, apiUserId: string, prng: Prng, lastModified: Date): OrgUser[] {
  const domain = spec.username.split('@')[1] ?? 'example.com';
  const stamp = () => new Date(lastModified.getTime() - prng.int(0, 500) * DAY_MS - prng.int(0, 86_399) * 1000);
  const users: OrgUser[] = [
    {
      id: apiUserId,
      name: 'Integration User',
      email: `integration@${domain}`,
      username: spec.username,
      isActive: true,
      systemModstamp: stamp(),
    },
  ];
  const ids = new Set([apiUserId]);
  const count = prng.int(4, 7);
  const start = prng.int(0, PEOPLE.length - 1);
  for (let i = 0; i < count; i++) {
    const [first, last] = PEOPLE[(start + i) % PEOPLE.length]!;
    let id = randomId('005', prng);
    while (ids.has(id)) id = randomId('005', prng);
    ids.add(id);
    const handle = `${ascii(first)}.${ascii(last)}`;
    users.push({
      id,
      name: `${first} ${last}`,
      email: `${handle}@example.com`,
      username: `${handle}@${domain}`,
      // The last colleague has left: metadata they made stays theirs.
      isActive: i < count - 1,
      systemModstamp: stamp(),
    });
  }
  return users;
}

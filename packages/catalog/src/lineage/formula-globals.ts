/** Where a `$` global of a formula leads: an object and the field path from it, or nowhere the lineage follows. */
export type GlobalTarget =
  | { kind: 'path'; object: string; path: string[] }
  | { kind: 'incomplete'; message: string }
  | { kind: 'ignored' };

// Globals that stand for one record of a fixed object: the running user, the org, the user's profile and role,
// and the record's record type.
const RECORD_GLOBALS: Readonly<Record<string, string>> = {
  $user: 'User',
  $organization: 'Organization',
  $profile: 'Profile',
  $userrole: 'UserRole',
  $recordtype: 'RecordType',
};

/**
 * Reads a global (`$User.Manager.Email` split on dots) as an object and a field path from it:
 * `$Setup.Obj__c.Field__c` reads Obj__c, `$CustomMetadata.Type__mdt.Record.Field__c` reads Type__mdt (the record
 * name is skipped). Labels, $Api, $Permission, $ObjectType and the other globals read no field: `ignored`.
 */
export function globalTarget(segments: readonly string[]): GlobalTarget {
  const [head = '', ...rest] = segments;
  const name = head.toLowerCase();
  const recordObject = RECORD_GLOBALS[name];
  let object: string | undefined;
  let path: string[];
  if (recordObject !== undefined) {
    object = recordObject;
    path = rest;
  } else if (name === '$setup') {
    object = rest[0];
    path = rest.slice(1);
  } else if (name === '$custommetadata') {
    object = rest[0];
    path = rest.slice(2);
  } else {
    return { kind: 'ignored' };
  }
  if (object === undefined || path.length === 0) {
    return { kind: 'incomplete', message: `${segments.join('.')} names no field` };
  }
  return { kind: 'path', object, path };
}

import type { Org } from '../generate-org.ts';

/**
 * The time to stamp on a metadata change made now. HTTP dates have second precision, so the next whole second is
 * strictly later than any date a client may have taken before the change; and it is at least a second after the
 * org's previous change, so a client that kept a Last-Modified it was sent still sees every later change, even
 * several within one second (the stamps then run a little ahead of the clock, which only costs a client a
 * describe it could have skipped).
 */
export function nextChangeTime(previousChange: Date, now = Date.now()): Date {
  return new Date(Math.max(Math.floor(now / 1000) * 1000 + 1000, previousChange.getTime() + 1000));
}

/**
 * The latest change anywhere in the org: its objects (lastModified) or its reports, dashboards and Apex, which
 * change without touching any describe. Mutations are stamped after it, so every change is later than the ones
 * before.
 */
export function lastChangeOf(org: Org): Date {
  let latest = org.lastModified.getTime();
  for (const list of [org.reports, org.dashboards, org.apexClasses, org.apexTriggers]) {
    for (const item of list) latest = Math.max(latest, item.systemModstamp.getTime());
  }
  return new Date(latest);
}

/**
 * The org with everything in it changed at `at`: its objects' describes and Tooling dates, its reports,
 * dashboards and Apex. An org regenerated in place (OrgRuntime.setShape) is new to its clients, so whatever they
 * filter by date (If-Modified-Since, `LastModifiedDate >`) must see all of it again.
 */
export function changedThroughout(org: Org, at: Date): Org {
  const stamped = <T extends { lastModifiedDate: Date; systemModstamp: Date }>(items: T[]) =>
    items.map((item) => ({ ...item, lastModifiedDate: at, systemModstamp: at }));
  const entities = new Map(
    [...org.entities].map(([name, entity]) => [
      name,
      {
        ...entity,
        lastModified: at,
        fields: new Map([...entity.fields].map(([field, meta]) => [field, { ...meta, lastModified: at }])),
      },
    ]),
  );
  return {
    ...org,
    lastModified: at,
    listModified: at,
    objectsModified: new Map([...org.describes.keys()].map((name) => [name, at])),
    entities,
    reports: stamped(org.reports),
    dashboards: stamped(org.dashboards),
    apexClasses: stamped(org.apexClasses),
    apexTriggers: stamped(org.apexTriggers),
  };
}

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

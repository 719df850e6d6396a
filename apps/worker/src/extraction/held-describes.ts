import type { ObjectDescribe } from '@sfmeta/salesforce/describe-objects';

interface HeldDescribe {
  name: string;
  fieldCount: number;
  json: string;
}

/** What HeldDescribes.take gives back: enough to ask Tooling about the describes, then the describes. */
export interface TakenDescribes {
  names: string[];
  fieldCount: (name: string) => number | undefined;
  /** The describes, parsed again `size` at a time, so that only a few are objects at once. */
  chunks(size: number): Generator<ObjectDescribe[]>;
}

/**
 * Describes that wait for their Tooling facts, kept as JSON text: parsed, a job's hundred describes of
 * big objects take several times the room (hundreds of megabytes over a worker's jobs), as text a
 * fraction of it.
 */
export class HeldDescribes {
  private held: HeldDescribe[] = [];

  get size(): number {
    return this.held.length;
  }

  add(describes: readonly ObjectDescribe[]): void {
    for (const describe of describes) {
      const fieldCount = Array.isArray(describe.fields) ? describe.fields.length : 0;
      this.held.push({ name: describe.name, fieldCount, json: JSON.stringify(describe) });
    }
  }

  /** Empties the store and gives back what it held. */
  take(): TakenDescribes {
    const taken = this.held;
    this.held = [];
    const counts = new Map(taken.map((entry) => [entry.name, entry.fieldCount]));
    return {
      names: taken.map((entry) => entry.name),
      fieldCount: (name) => counts.get(name),
      *chunks(size) {
        for (let start = 0; start < taken.length; start += size) {
          yield taken.slice(start, start + size).map((entry) => JSON.parse(entry.json) as ObjectDescribe);
        }
      },
    };
  }
}

import type { ObjectDescribe } from '@sfmeta/salesforce/describe-objects';

/** A describe held as it came (`describe`) or as JSON text (`json`). */
interface HeldDescribe {
  name: string;
  fieldCount: number;
  describe?: ObjectDescribe;
  json?: string;
}

/**
 * Up to this many fields in all (some 10 MB, as objects or as text), a job's describes are held as they
 * came: turning them into text and back took a tenth of a worker's CPU in a crawl. Beyond, as text.
 */
const HELD_AS_OBJECTS_FIELDS = 8_000;

/** What HeldDescribes.take gives back: enough to ask Tooling about the describes, then the describes. */
export interface TakenDescribes {
  names: string[];
  fieldCount: (name: string) => number | undefined;
  /** The describes, `size` at a time (those held as text parsed again), so that few more are objects at once. */
  chunks(size: number): Generator<ObjectDescribe[]>;
}

/**
 * Describes that wait for their Tooling facts. Past HELD_AS_OBJECTS_FIELDS, kept as JSON text: parsed, a
 * job's hundred describes of big objects take several times the room (hundreds of megabytes over a
 * worker's jobs), as text a fraction of it.
 */
export class HeldDescribes {
  private held: HeldDescribe[] = [];
  private fields = 0;

  get size(): number {
    return this.held.length;
  }

  add(describes: readonly ObjectDescribe[]): void {
    for (const describe of describes) {
      const fieldCount = Array.isArray(describe.fields) ? describe.fields.length : 0;
      this.fields += fieldCount;
      this.held.push(
        this.fields <= HELD_AS_OBJECTS_FIELDS
          ? { name: describe.name, fieldCount, describe }
          : { name: describe.name, fieldCount, json: JSON.stringify(describe) },
      );
    }
  }

  /** Empties the store and gives back what it held. */
  take(): TakenDescribes {
    const taken = this.held;
    this.held = [];
    this.fields = 0;
    const counts = new Map(taken.map((entry) => [entry.name, entry.fieldCount]));
    return {
      names: taken.map((entry) => entry.name),
      fieldCount: (name) => counts.get(name),
      *chunks(size) {
        for (let start = 0; start < taken.length; start += size) {
          yield taken.slice(start, start + size).map(described);
        }
      },
    };
  }
}

const described = (entry: HeldDescribe): ObjectDescribe =>
  entry.describe ?? (JSON.parse(entry.json as string) as ObjectDescribe);

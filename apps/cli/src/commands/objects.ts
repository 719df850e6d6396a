import type { Command } from 'commander';
import type { CatalogObject, ObjectPage } from '@sfmeta/client/api-types';
import { unwrap } from '@sfmeta/client/unwrap';
import type { CliContext } from '../cli-context.ts';
import { formatCount, formatFields, formatTable } from '../format/table.ts';
import type { ContextOf } from '../program.ts';

/** Objects asked for per page: the API's largest page. */
const PAGE_SIZE = '2000';

interface ObjectsOptions {
  run?: string;
  search?: string;
}

/** Every page of the object list, as one page. */
async function allObjects(ctx: CliContext, id: string, options: ObjectsOptions): Promise<ObjectPage> {
  const query = {
    limit: PAGE_SIZE,
    ...(options.run ? { run: options.run } : {}),
    ...(options.search ? { q: options.search } : {}),
  };
  let page = unwrap(await ctx.client.GET('/api/v1/connections/{id}/objects', { params: { path: { id }, query } }));
  const items = [...page.items];
  while (page.next !== null) {
    const after = page.next;
    page = unwrap(
      await ctx.client.GET('/api/v1/connections/{id}/objects', {
        params: { path: { id }, query: { ...query, after } },
      }),
    );
    items.push(...page.items);
  }
  return { ...page, items, next: null };
}

const records = (count: number | null) => (count === null ? '?' : formatCount(count));

function listLines(page: ObjectPage): string[] {
  const rows = page.items.map((object) => [
    object.name,
    object.label,
    String(object.fieldCount),
    records(object.recordCount),
    object.custom ? 'custom' : '',
  ]);
  return [
    `${page.items.length} objects in extraction ${page.runId} (${page.extractedAt})`,
    ...formatTable(['NAME', 'LABEL', 'FIELDS', 'RECORDS', ''], rows),
  ];
}

/** The type of a field for people: `reference(Account)`, `string(80)`, `picklist`. */
function fieldType(field: CatalogObject['fields'][number]): string {
  if (field.referenceTo.length > 0) return `${field.type}(${field.referenceTo.join(', ')})`;
  if (field.type === 'string' || field.type === 'textarea') return `${field.type}(${field.length})`;
  return field.type;
}

function objectLines(object: CatalogObject): string[] {
  const rows = object.fields.map((field) => [
    field.name,
    fieldType(field),
    field.label,
    field.calculatedFormula ? `= ${field.calculatedFormula.replaceAll(/\s+/g, ' ').slice(0, 60)}` : '',
  ]);
  return [
    ...formatFields([
      ['name', object.name],
      ['label', object.label],
      ['kind', object.custom ? 'custom object' : 'standard object'],
      ['records', records(object.recordCount)],
      ['description', object.description],
      ['modified', object.lastModifiedDate],
      ['url', object.url],
    ]),
    '',
    ...formatTable(['FIELD', 'TYPE', 'LABEL', 'FORMULA'], rows),
  ];
}

/** `sfmeta objects ID [NAME]`: the objects of the latest catalog, or one object with its fields. */
export function registerObjects(program: Command, contextOf: ContextOf): void {
  program
    .command('objects')
    .description('list the objects of the latest completed extraction, or show one with its fields')
    .argument('<id>', 'the connection')
    .argument('[name]', 'an object API name, e.g. Account')
    .option('--run <run>', 'a succeeded extraction instead of the latest')
    .option('--search <text>', 'only objects whose name, label or description contains it')
    .action(async (id: string, name: string | undefined, options: ObjectsOptions, command: Command) => {
      const ctx = contextOf(command);
      if (name === undefined) {
        const page = await allObjects(ctx, id, options);
        ctx.print(listLines(page), page);
        return;
      }
      const query = options.run ? { run: options.run } : {};
      const object = unwrap(
        await ctx.client.GET('/api/v1/connections/{id}/objects/{name}', { params: { path: { id, name }, query } }),
      );
      ctx.print(objectLines(object), object);
    });
}

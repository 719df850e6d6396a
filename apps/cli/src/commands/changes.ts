import type { Command } from 'commander';
import type { ChangePage, QueryParameters } from '@sfmeta/client/api-types';
import { unwrap } from '@sfmeta/client/unwrap';
import type { CliContext } from '../cli-context.ts';
import type { ContextOf } from '../program.ts';

interface ChangesOptions {
  from?: string;
  to?: string;
  kind?: string;
}

/** A kind of item the API tracks changes of; it refuses others with the list of those it knows. */
type Kind = NonNullable<QueryParameters<'/api/v1/connections/{id}/changes', 'get'>['kind']>;

/** Every page of the changes, as one page. */
async function allChanges(ctx: CliContext, id: string, options: ChangesOptions): Promise<ChangePage> {
  const query = {
    limit: '1000',
    ...(options.from ? { from: options.from } : {}),
    ...(options.to ? { to: options.to } : {}),
    ...(options.kind ? { kind: options.kind as Kind } : {}),
  };
  let page = unwrap(await ctx.client.GET('/api/v1/connections/{id}/changes', { params: { path: { id }, query } }));
  const items = [...page.items];
  while (page.next !== null) {
    const after = page.next;
    page = unwrap(
      await ctx.client.GET('/api/v1/connections/{id}/changes', {
        params: { path: { id }, query: { ...query, after } },
      }),
    );
    items.push(...page.items);
  }
  return { ...page, items, next: null };
}

const MARK = { added: '+', removed: '-', changed: '~' } as const;

function changeLines(page: ChangePage): string[] {
  const from = page.from ? `extraction ${page.from.id} (${page.from.extractedAt})` : 'nothing (the first extraction)';
  const summary = Object.entries(page.summary).map(
    ([kind, counts]) => `  ${kind}: ${counts.added} added, ${counts.removed} removed, ${counts.changed} changed`,
  );
  const items = page.items.map((item) => {
    const name = item.parent ? `${item.parent}.${item.name}` : item.name;
    const attributes = item.change === 'changed' ? `: ${item.attributes.map((a) => a.attribute).join(', ')}` : '';
    return `${MARK[item.change]} ${item.kind} ${name}${attributes}`;
  });
  return [
    `changes from ${from} to extraction ${page.to.id} (${page.to.extractedAt})`,
    ...(summary.length > 0 ? summary : ['  no changes']),
    ...items,
  ];
}

/** `sfmeta changes ID`: what the last extraction (or --to) changed since the one before (or --from). */
export function registerChanges(program: Command, contextOf: ContextOf): void {
  program
    .command('changes')
    .description('objects and fields added, removed and changed between two succeeded extractions')
    .argument('<id>', 'the connection')
    .option('--from <run>', 'the earlier extraction (default: the one before --to)')
    .option('--to <run>', 'the later extraction (default: the latest)')
    .option('--kind <kind>', 'only items of this kind: object, field, report…')
    .action(async (id: string, options: ChangesOptions, command: Command) => {
      const ctx = contextOf(command);
      const page = await allChanges(ctx, id, options);
      ctx.print(changeLines(page), page);
    });
}

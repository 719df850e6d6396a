import type { Command } from 'commander';
import type { ContextOf } from '../program.ts';
import { registerConnectionsAdd } from './connections-add.ts';
import { registerConnectionsAuthorize } from './connections-authorize.ts';
import { registerConnectionsList } from './connections-list.ts';
import { registerConnectionsRemove } from './connections-rm.ts';
import { registerConnectionsShow } from './connections-show.ts';

/** `sfmeta connections …`: the Salesforce orgs the API knows. */
export function registerConnections(program: Command, contextOf: ContextOf): void {
  const connections = program.command('connections').description('register, list, show, authorize and remove orgs');
  registerConnectionsAdd(connections, contextOf);
  registerConnectionsList(connections, contextOf);
  registerConnectionsShow(connections, contextOf);
  registerConnectionsRemove(connections, contextOf);
  registerConnectionsAuthorize(connections, contextOf);
}

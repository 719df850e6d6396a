import type { FastifyInstance } from 'fastify';
import { storeCatalog } from '@sfmeta/catalog/fixtures/stored-catalog';
import { accountDescribe } from '@sfmeta/catalog/fixtures/describes';
import {
  apexClassItem,
  apexTriggerItem,
  dashboardItem,
  reportItem,
  sfId,
  userItem,
} from '@sfmeta/catalog/fixtures/items';
import { issueAuthorizeUrl } from '../authorization.ts';
import { oauthConnection, validConnection } from '../test-app.ts';

/** What a generated request may point at; resolved when it is sent, since earlier requests change the data. */
export type FixtureRef = 'password' | 'oauth' | 'cataloged' | 'run';

const HOST = 'https://acme.my.salesforce.com';

/** The ids of the cataloged fixture's report, dashboard, Apex class and trigger. */
export const FUZZ_ITEM_IDS = {
  reportId: sfId('00O', 1),
  dashboardId: sfId('01Z', 1),
  classId: sfId('01p', 1),
  triggerId: sfId('01q', 1),
};

/**
 * Data the fuzzer aims at, so that its requests get past the 404s into the handlers: a password
 * connection, an oauth connection, a connected one with a catalog, and that catalog's run.
 * Whatever a request deleted is created again before the next one.
 */
export class FuzzFixtures {
  private ids: Record<FixtureRef, string> = { password: '', oauth: '', cataloged: '', run: '' };

  constructor(private readonly app: FastifyInstance) {}

  /** The id a reference stands for now. */
  id(ref: FixtureRef): string {
    return this.ids[ref];
  }

  /** Creates again whichever fixture is gone. */
  async ensure(): Promise<void> {
    const { connections } = this.app.stores;
    const { rows } = await this.app.database.query<{ id: string }>(
      'SELECT id FROM connections WHERE id = ANY($1::uuid[])',
      [[this.ids.password, this.ids.oauth, this.ids.cataloged].filter((id) => id !== '')],
    );
    const present = new Set(rows.map((row) => row.id));
    if (!present.has(this.ids.password)) {
      this.ids.password = (await connections.create({ ...validConnection, host: HOST, authType: 'password' })).id;
    }
    if (!present.has(this.ids.oauth)) {
      this.ids.oauth = (await connections.create({ ...oauthConnection, host: HOST, authType: 'oauth' })).id;
    }
    if (!present.has(this.ids.cataloged)) await this.createCataloged();
  }

  /** A state the callback accepts, for the oauth fixture; its earlier states stop working. */
  async freshState(): Promise<string> {
    const connection = await this.app.stores.connections.get(this.ids.oauth);
    if (!connection) throw new Error('the oauth fixture is gone; call ensure() first');
    const url = await issueAuthorizeUrl(this.app.stores.oauthStates, this.app.config, connection);
    return new URL(url).searchParams.get('state') ?? '';
  }

  private async createCataloged(): Promise<void> {
    const { connections, runs, catalog, items } = this.app.stores;
    const { id } = await connections.create({ ...validConnection, host: HOST, authType: 'password' });
    await connections.markConnected(id, {
      orgId: '00D000000000001AAA',
      userId: '005000000000001AAA',
      instanceUrl: HOST,
      accessToken: 'at',
    });
    const run = await storeCatalog({ runs, catalog, items }, id, [accountDescribe()], {
      report: [reportItem(FUZZ_ITEM_IDS.reportId)],
      dashboard: [dashboardItem(FUZZ_ITEM_IDS.dashboardId, [FUZZ_ITEM_IDS.reportId])],
      apex_class: [apexClassItem(FUZZ_ITEM_IDS.classId, 'Fuzz', { Body: 'public class Fuzz {}' })],
      apex_trigger: [apexTriggerItem(FUZZ_ITEM_IDS.triggerId, 'FuzzTrigger', 'Account')],
      user: [userItem(sfId('005', 1), 'Fuzz User')],
    });
    this.ids.cataloged = id;
    this.ids.run = run.id;
  }
}

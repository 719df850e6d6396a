/** Where the admin API lives: no Salesforce path starts with it, so it cannot shadow one. */
export const ADMIN_PREFIX = '/__admin';

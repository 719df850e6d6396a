import { describe, expect, it } from 'vitest';
import { demoOrgSpec } from './demo-org.ts';
import { loadSimulatorSettings } from './simulator-settings.ts';
import { testOrgSpec } from './test-support.ts';

describe('loadSimulatorSettings', () => {
  it('defaults to the demo org on 127.0.0.1:4010, without faults and with an open admin API', () => {
    expect(loadSimulatorSettings({})).toEqual({ port: 4010, host: '127.0.0.1', orgs: [demoOrgSpec] });
    expect(loadSimulatorSettings({ SIMULATOR_ADMIN_TOKEN: '' })).not.toHaveProperty('adminToken');
  });

  it('reads orgs, initial faults (SIMULATOR_LATENCY_MS on top of SIMULATOR_FAULTS) and the admin token', () => {
    const settings = loadSimulatorSettings({
      SIMULATOR_PORT: '0',
      SIMULATOR_HOST: '0.0.0.0',
      SIMULATOR_ORGS: JSON.stringify([testOrgSpec()]),
      SIMULATOR_FAULTS: '{"error503Rate":0.3,"apiDisabled":true,"latencyMs":5}',
      SIMULATOR_LATENCY_MS: '40',
      SIMULATOR_ADMIN_TOKEN: 's3cret',
    });
    expect(settings).toEqual({
      port: 0,
      host: '0.0.0.0',
      orgs: [testOrgSpec()],
      faults: { error503Rate: 0.3, apiDisabled: true, latencyMs: 40 },
      adminToken: 's3cret',
    });
    expect(loadSimulatorSettings({ SIMULATOR_LATENCY_MS: '25' }).faults).toEqual({ latencyMs: 25 });
  });

  it('refuses faults that are not JSON or not valid, naming the variable', () => {
    expect(() => loadSimulatorSettings({ SIMULATOR_FAULTS: '{error503Rate:1}' })).toThrow(
      /^SIMULATOR_FAULTS is not valid JSON/,
    );
    expect(() => loadSimulatorSettings({ SIMULATOR_FAULTS: '{"error503Rate":3}' })).toThrow(
      'invalid SIMULATOR_FAULTS: error503Rate must be <= 1',
    );
    expect(() => loadSimulatorSettings({ SIMULATOR_FAULTS: '{"latency":3}' })).toThrow(
      'invalid SIMULATOR_FAULTS: latency is not a known key',
    );
    expect(() => loadSimulatorSettings({ SIMULATOR_LATENCY_MS: '1.5s' })).toThrow(
      "SIMULATOR_LATENCY_MS must be a whole number of milliseconds, got '1.5s'",
    );
    expect(() => loadSimulatorSettings({ SIMULATOR_ORGS: '[]' })).toThrow(
      /SIMULATOR_ORGS must be a non-empty JSON array/,
    );
  });
});

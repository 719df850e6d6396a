import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auth, createTestApp, type TestApp } from '../test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

const API = '/admin/queues/api/queues';

describe('the queue dashboard', () => {
  it.each([
    ['no body', undefined, /^body must be object$/],
    ['no name', { data: { connectionId: 'x' } }, /^body must have required property 'name'$/],
    ['a name of the wrong type', { name: 42 }, /^body\/name must be string$/],
    ['a blank name', { name: ' ' }, /^body\/name must not be blank$/],
  ])('refuses to add a job with %s: 400 VALIDATION_FAILED, nothing queued', async (_, payload, message) => {
    const response = await t.app.inject({ method: 'POST', url: `${API}/connect/add`, headers: auth, payload });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({
      statusCode: 400,
      code: 'VALIDATION_FAILED',
      message: expect.stringMatching(message),
    });
    expect(await t.app.queues.connect.count()).toBe(0);
  });

  it("answers bull-board's failures in the API's error body, without their message", async () => {
    const job = await t.app.queues.connect.add('connect', { connectionId: '7f1d3c1e-2b1a-4c4e-9a57-1a2b3c4d5e6f' });
    // BullMQ refuses to promote a job that is not delayed; bull-board passes that on as a 500.
    const response = await t.app.inject({ method: 'PUT', url: `${API}/connect/${job.id}/promote`, headers: auth });
    expect(response.statusCode).toBe(500);
    expect(response.json()).toEqual({
      statusCode: 500,
      code: 'INTERNAL',
      error: 'Internal Server Error',
      message: 'internal server error',
    });
  });
});

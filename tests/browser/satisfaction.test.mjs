// The satisfaction pages in a real browser against the demo federation:
// the manager reads the results per month and per group, a strategist
// reads Ystad's survey, and the pages of the links without login (an
// unknown rating link, an unknown survey link). axe on every page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, login, checkA11y } from './harness.mjs';

let env;
before(async () => { env = await startServer(); });
after(async () => { await env?.stop(); });

test('the manager reads satisfaction per month and per group', async () => {
  const ctx = await env.browser.newContext({ locale: 'sv-SE' });
  const page = await login(ctx, env.base, 'chef', assert);
  await page.getByRole('link', { name: 'Nöjdhet' }).first().click();
  await page.getByRole('heading', { name: 'Kundnöjdhet', level: 1 }).waitFor();
  await checkA11y(page, assert);
  await page.getByLabel('Dela upp per').selectOption('month');
  await page.getByRole('button', { name: 'Visa' }).click();
  await page.getByRole('heading', { name: /^Fördelning: Månad/, level: 2 }).waitFor();
  assert.ok(await page.getByRole('columnheader', { name: '5 – Mycket nöjd' }).isVisible());
  await page.getByRole('heading', { name: 'Kommentarer', level: 2 }).waitFor();
  await checkA11y(page, assert);
  await page.getByLabel('Från månad (ÅÅÅÅ-MM)').fill('2027-13');
  await page.getByRole('button', { name: 'Visa' }).click();
  await page.getByRole('alert').waitFor();
  await checkA11y(page, assert);
  await ctx.close();
});

test('a strategist reads the member survey', async () => {
  const ctx = await env.browser.newContext({ locale: 'sv-SE' });
  const page = await login(ctx, env.base, 'yst.strategist', assert);
  await page.goto(`${env.base}/satisfaction/surveys?member=YST`);
  await page.getByRole('heading', { name: /^Årliga enkäter/, level: 1 }).waitFor();
  await page.getByText(/svarade/).first().waitFor();
  await checkA11y(page, assert);
  await ctx.close();
});

test('the link pages without login are accessible', async () => {
  const ctx = await env.browser.newContext({ locale: 'sv-SE' });
  const page = await ctx.newPage();
  for (const path of ['/rate/no-such-token', '/survey/no-such-token']) {
    const r = await page.goto(`${env.base}${path}`);
    assert.equal(r.status(), 404);
    await page.getByRole('alert').waitFor();
    await checkA11y(page, assert);
  }
  await ctx.close();
});

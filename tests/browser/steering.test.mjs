// The steering pages in a real browser against the demo federation: the
// förbundschef lands on the federation overview, picks a member, reads
// the goals with their charts, the board pack, a member's monthly report,
// the forums, proposals and the decision log; an orderer raises a
// proposal. axe on every page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, login, checkA11y } from './harness.mjs';

let env;
before(async () => { env = await startServer(); });
after(async () => { await env?.stop(); });

test('the förbundschef steers from the overview, the goals and the reports', async () => {
  const ctx = await env.browser.newContext({ locale: 'sv-SE' });
  const page = await login(ctx, env.base, 'chef', assert);
  await page.getByRole('heading', { name: 'Styrning av förbundet', level: 1 }).waitFor();
  await page.getByRole('heading', { name: 'Förbundet totalt', level: 2 }).waitFor();
  await checkA11y(page, assert);
  await page.getByLabel('Medlem', { exact: true }).selectOption('YST');
  await page.getByRole('button', { name: 'Visa' }).click();
  await page.getByRole('heading', { name: 'Totalt för Ystads kommun', level: 2 }).waitFor();
  await checkA11y(page, assert);

  const steering = page.getByRole('navigation', { name: 'Styrning' }).last();
  await steering.getByRole('link', { name: 'Mål', exact: true }).click();
  await page.getByRole('heading', { name: 'Mål och nyckeltal', level: 1 }).waitFor();
  assert.ok(await page.getByRole('img').count() >= 7, 'a chart per KPI');
  await page.getByText('når inte målet').first().waitFor();
  await checkA11y(page, assert);

  for (const [link, heading] of [
    ['Direktionens underlag', 'Underlag till direktionen'],
    ['Månadsrapport', /^Månadsrapport för/],
    ['Forum', 'Forum'],
    ['Förslag', 'Förslag och ändringsbegäranden'],
    ['Beslut', 'Beslutslogg'],
  ]) {
    await page.getByRole('navigation', { name: 'Styrning' }).last().getByRole('link', { name: link, exact: true }).click();
    await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
    await checkA11y(page, assert);
  }
  await page.getByRole('row', { name: /e-tjänsteplattform/ }).getByRole('link', { name: /^B-/ }).click();
  await page.getByText('Tomelilla vill först se en plan').waitFor();
  await checkA11y(page, assert);
  await ctx.close();
});

test('an orderer raises a proposal for their member', async () => {
  const member = await env.browser.newContext({ locale: 'sv-SE' });
  const page = await login(member, env.base, 'yst.orderer', assert);
  await page.goto(`${env.base}/steering/proposals`);
  await page.getByRole('heading', { name: 'Lämna ett förslag', level: 2 }).waitFor();
  await checkA11y(page, assert);
  await page.getByLabel('Rubrik').fill('Gemensam skrivartjänst');
  await page.getByLabel('Kostnad i kronor').fill('120000');
  await page.getByRole('checkbox', { name: 'Ystads kommun' }).check();
  await page.getByRole('button', { name: 'Lämna förslaget' }).click();
  await page.getByRole('heading', { name: /Gemensam skrivartjänst/, level: 1 }).waitFor();
  await page.getByRole('status').filter({ hasText: 'Sparat.' }).waitFor();
  await page.getByText('Inkommet').first().waitFor();
  await checkA11y(page, assert);
  await member.close();
});

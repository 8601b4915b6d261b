// The inventory pages in a real browser against the demo federation: the
// service desk reads the federation's inventory side by side, the overlaps
// and the plan, opens an item with what its failure affects and links a
// ticket to an item; an IT strategist reads and imports their own
// member's inventory. axe on every page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, login, checkA11y } from './harness.mjs';

let env;
before(async () => { env = await startServer(); });
after(async () => { await env?.stop(); });

test('staff read the federation side by side, the overlaps, the plan and an item', async () => {
  const ctx = await env.browser.newContext({ locale: 'sv-SE' });
  const page = await login(ctx, env.base, 'chef', assert);
  await page.goto(`${env.base}/inventory`);
  await page.getByRole('heading', { name: 'Förbundets inventarie', level: 1 }).waitFor();
  await page.getByRole('heading', { name: 'Efterlevnad av gemensam standard', level: 2 }).waitFor();
  await checkA11y(page, assert);
  const tabs = () => page.getByRole('navigation', { name: 'Inventarie' }).last();
  for (const [link, heading] of [
    ['Sida vid sida', 'Förbundets inventarie'],
    ['Överlapp', 'Överlapp mellan medlemmarnas system'],
    ['Konsolidering', 'Konsolideringsplan'],
    ['Gemensam standard', 'Gemensam standard'],
    ['Verksamhetssystem', 'Verksamhetssystem'],
    ['Objekt', 'Konfigurationsobjekt'],
  ]) {
    await tabs().getByRole('link', { name: link, exact: true }).click();
    await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
    await checkA11y(page, assert);
  }
  await page.getByLabel('Sök').fill('SAN');
  await page.getByRole('button', { name: 'Visa' }).click();
  await page.getByRole('link', { name: 'SAN Österlen' }).click();
  await page.getByRole('heading', { name: 'SAN Österlen', level: 1 }).waitFor();
  await page.getByRole('heading', { name: 'Vad ett fel påverkar', level: 2 }).waitFor();
  await page.getByRole('cell', { name: 'Virtualiseringskluster Österlen' }).first().waitFor();
  await checkA11y(page, assert);
  await ctx.close();
});

test('the desk links a ticket to an item', async () => {
  const ctx = await env.browser.newContext({ locale: 'sv-SE' });
  const page = await login(ctx, env.base, 'agent', assert);
  const list = await (await page.request.get(`${env.base}/api/v1/tickets?member=YST&limit=1`)).json();
  await page.goto(`${env.base}/tickets/${list.items[0].id}`);
  await page.getByLabel('Koppla objekt').fill('Ekonomisystem YST');
  await page.getByRole('button', { name: 'Koppla', exact: true }).click();
  await page.locator('#items').getByRole('link', { name: 'Ekonomisystem YST' }).waitFor();
  await checkA11y(page, assert);
  await ctx.close();
});

test('an IT strategist reads and imports their own inventory', async () => {
  const ctx = await env.browser.newContext({ locale: 'sv-SE' });
  const page = await login(ctx, env.base, 'yst.strategist', assert);
  await page.goto(`${env.base}/inventory`);
  await page.getByRole('heading', { name: 'Inventarie för Ystads kommun', level: 1 }).waitFor();
  await checkA11y(page, assert);
  await page.getByLabel('CSV').fill('owner,kind,name,category,product\nYST,client,YST-LAPTOP-1,client_os,Windows 11 Pro\n');
  await page.getByRole('button', { name: 'Importera' }).click();
  await page.getByRole('status').filter({ hasText: '1 objekt importerade.' }).waitFor();
  await checkA11y(page, assert);
  await ctx.close();
});

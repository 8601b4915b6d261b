// A catalog request from order to delivery, in a real browser against the
// real server: the end user orders software (a field error first), the
// manager and the orderer approve it, the technician logs time and does
// both tasks, and the requester reads it delivered; axe on every page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, login, checkA11y } from './harness.mjs';

let env;
before(async () => { env = await startServer(); });
after(async () => { await env?.stop(); });

// The request the tests pass along: its ticket page and number.
let ticketUrl;
let number;

test('an end user orders software from the catalog, a missing field first', async () => {
  const ctx = await env.browser.newContext({ locale: 'sv-SE' });
  const page = await login(ctx, env.base, 'yst.user', assert);
  await page.getByRole('link', { name: 'Beställ från katalogen' }).click();
  await page.getByRole('heading', { name: 'Beställ från katalogen', level: 1 }).waitFor();
  await page.getByText('Kostnad: 1 500 kr, debiteras din förvaltning').first().waitFor();
  await page.getByText('Godkänns av: närmaste chef, kommunens beställare').first().waitFor();
  await checkA11y(page, assert);
  await page.getByRole('link', { name: 'Beställ Programvara från godkända listan' }).click();
  await page.getByRole('heading', { name: 'Programvara från godkända listan', level: 1 }).waitFor();
  await checkA11y(page, assert);
  // Sent without the computer's name: the field is named, the rest kept.
  await page.getByLabel(/^Programvara/).selectOption('GIMP');
  await page.getByLabel(/^Varför behövs programmet/).fill('Till bildundervisningen i årskurs 8.');
  await page.getByRole('button', { name: 'Skicka beställningen' }).click();
  await page.getByRole('alert').waitFor();
  await page.getByRole('link', { name: 'Datorns namn: Fyll i det här fältet.' }).waitFor();
  assert.equal(await page.getByLabel(/^Datorns namn/).getAttribute('aria-invalid'), 'true');
  assert.equal(await page.getByLabel(/^Programvara/).inputValue(), 'GIMP');
  assert.equal(await page.getByLabel(/^Varför behövs programmet/).inputValue(), 'Till bildundervisningen i årskurs 8.');
  await checkA11y(page, assert);
  await page.getByLabel(/^Datorns namn/).fill('YST-12345');
  await page.getByRole('button', { name: 'Skicka beställningen' }).click();
  await page.getByText('Beställningen är skickad.').waitFor();
  await page.getByRole('heading', { name: 'Beställning', level: 2 }).waitFor();
  await page.getByText('Väntar på godkännande', { exact: true }).waitFor();
  ticketUrl = page.url().replace(/\?.*$/, '');
  number = (await page.locator('h1 .number').innerText()).trim();
  assert.match(number, /^YST-/);
  await checkA11y(page, assert);
  await ctx.close();
});

test('the manager approves it under "Att godkänna" without opening the ticket', async () => {
  assert.ok(number, 'the order was made');
  const ctx = await env.browser.newContext({ locale: 'sv-SE' });
  const page = await login(ctx, env.base, 'yst.chef', assert);
  await page.getByRole('link', { name: 'Att godkänna', exact: true }).click();
  await page.getByRole('heading', { name: 'Att godkänna', level: 1 }).waitFor();
  await checkA11y(page, assert);
  await page.getByRole('link', { name: number, exact: true }).click();
  await page.getByText('Den som beställde läser motiveringen.').waitFor();
  await page.getByText('YST-12345').waitFor();
  await checkA11y(page, assert);
  await page.getByRole('button', { name: 'Godkänn' }).click();
  await page.getByText('Du har godkänt beställningen.').waitFor();
  assert.equal(await page.getByRole('link', { name: number, exact: true }).count(), 0);
  await checkA11y(page, assert);
  await ctx.close();
});

test('the orderer must give a reason to reject, and approves', async () => {
  assert.ok(number, 'the order was made');
  const ctx = await env.browser.newContext({ locale: 'sv-SE' });
  const page = await login(ctx, env.base, 'yst.orderer', assert);
  await page.getByRole('link', { name: 'Att godkänna', exact: true }).click();
  await page.getByRole('link', { name: number, exact: true }).click();
  await page.getByText('✓ Godkänd').waitFor();
  await checkA11y(page, assert);
  await page.getByRole('button', { name: 'Avslå' }).click();
  await page.getByRole('alert').waitFor();
  assert.equal(await page.getByLabel('Motivering').getAttribute('aria-invalid'), 'true');
  await checkA11y(page, assert);
  await page.getByRole('button', { name: 'Godkänn' }).click();
  await page.getByText('Du har godkänt beställningen.').waitFor();
  await checkA11y(page, assert);
  await ctx.close();
});

test('the technician logs time and finishes both tasks from the task list', async () => {
  assert.ok(number, 'the order was made');
  const ctx = await env.browser.newContext({ locale: 'sv-SE' });
  const page = await login(ctx, env.base, 'tekniker', assert);
  await page.getByRole('link', { name: 'Uppgifter', exact: true }).click();
  await page.getByRole('heading', { name: 'Leveransuppgifter', level: 1 }).waitFor();
  await checkA11y(page, assert);
  // The first task is the service desk's: it shows under all groups.
  await page.getByRole('link', { name: 'Alla grupper' }).click();
  await page.getByRole('row', { name: /Registrera licensen/ }).getByRole('link', { name: number, exact: true }).click();
  await page.getByText('Under leverans', { exact: true }).waitFor();
  await checkA11y(page, assert);

  await page.getByLabel(/^Minuter/).fill('20');
  await page.getByLabel('Debiteras utöver abonnemanget').check();
  await page.getByRole('button', { name: 'Rapportera tid' }).click();
  await page.getByText('Tiden är rapporterad.').waitFor();
  await page.getByRole('cell', { name: '20', exact: true }).waitFor();
  await checkA11y(page, assert);

  const first = page.getByRole('group', { name: /Registrera licensen/ });
  await first.getByLabel('Anteckning (frivillig)').fill('Licens nr 4711');
  await first.getByRole('button', { name: /Markera som klar/ }).click();
  await page.getByText('Uppgiften är markerad som klar.').waitFor();
  await page.getByRole('cell', { name: 'Licens nr 4711' }).waitFor();
  await checkA11y(page, assert);

  // The next stage is the technician's own group's.
  await page.getByRole('link', { name: 'Uppgifter', exact: true }).click();
  await page.getByRole('row', { name: /Installera programvaran/ }).getByRole('link', { name: number, exact: true }).click();
  const second = page.getByRole('group', { name: /Installera programvaran/ });
  await second.getByRole('button', { name: /Markera som klar/ }).click();
  await page.getByText('Uppgiften är markerad som klar.').waitFor();
  await page.getByText('Levererad', { exact: true }).waitFor();
  assert.equal(await page.getByRole('button', { name: /Markera som klar/ }).count(), 0);
  await checkA11y(page, assert);
  await ctx.close();
});

test('the requester reads the order delivered', async () => {
  assert.ok(ticketUrl, 'the order was made');
  const ctx = await env.browser.newContext({ locale: 'sv-SE' });
  const page = await login(ctx, env.base, 'yst.user', assert);
  await page.getByRole('link', { name: number, exact: true }).click();
  await page.getByText('Levererad', { exact: true }).waitFor();
  assert.equal(page.url(), ticketUrl);
  assert.equal(await page.getByRole('heading', { name: 'Tidrapport' }).count(), 0);
  await checkA11y(page, assert);
  // The same page in English.
  await page.getByLabel('Språk').selectOption('en');
  await page.getByRole('button', { name: 'Byt språk' }).click();
  await page.getByRole('heading', { name: 'My tickets', level: 1 }).waitFor();
  await page.goto(ticketUrl);
  await page.getByText('Delivered', { exact: true }).waitFor();
  await page.getByRole('heading', { name: 'Order', level: 2 }).waitFor();
  await checkA11y(page, assert);
  await ctx.close();
});

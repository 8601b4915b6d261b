// Services, orders and charges in a real browser against the real server:
// the orderer orders 50 administrative workplaces (a field error first),
// the order waits for the federation manager, who confirms it; the orderer
// sees it applied and reads the charges and the budget; an admin opens the
// catalog pages. axe on every page; the pages reflow at 320 px.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, login, checkA11y } from './harness.mjs';

let env;
before(async () => { env = await startServer(); });
after(async () => { await env?.stop(); });

/** The first day of next month as YYYY-MM-DD: always ahead of today. */
function nextMonth() {
  const d = new Date();
  const y = d.getMonth() === 11 ? d.getFullYear() + 1 : d.getFullYear();
  const m = (d.getMonth() + 1) % 12 + 1;
  return `${y}-${String(m).padStart(2, '0')}-01`;
}

const from = nextMonth();
const note = `Nya handläggare ${Date.now()}`;

test('the orderer orders 50 workplaces; the order waits for the manager', async () => {
  const ctx = await env.browser.newContext({ locale: 'sv-SE' });
  const page = await login(ctx, env.base, 'yst.orderer', assert);
  await page.getByRole('link', { name: 'Tjänster och beställningar' }).first().click();
  await page.getByRole('heading', { name: /Tjänster och beställningar: Ystads kommun/, level: 1 }).waitFor();
  await page.getByRole('table', { name: /Standardarbetsplats \(WORKPLACE\)/ }).waitFor();
  await checkA11y(page, assert);

  await page.getByLabel(/^Tjänst att beställa/).selectOption('WP-ADM');
  await page.getByLabel(/^Förvaltning/).selectOption({ label: 'Kommunledningsförvaltningen' });
  await page.getByLabel(/^Ändring av antal/).fill('50');
  await page.getByLabel(/^Gäller från/).fill('2020-01-01');
  await page.getByLabel('Anteckning').fill(note);
  await page.getByRole('button', { name: 'Skicka beställningen' }).click();
  await page.getByRole('alert').getByText(/aldrig bakåt i tiden/).waitFor();
  assert.equal(await page.getByLabel(/^Gäller från/).getAttribute('aria-invalid'), 'true');
  assert.equal(await page.getByLabel(/^Ändring av antal/).inputValue(), '50');
  assert.equal(await page.getByLabel(/^Tjänst att beställa/).inputValue(), 'WP-ADM');
  assert.equal(await page.getByLabel('Anteckning').inputValue(), note);
  await checkA11y(page, assert);

  await page.getByLabel(/^Gäller från/).fill(from);
  await page.getByRole('button', { name: 'Skicka beställningen' }).click();
  await page.getByRole('status').getByText(/väntar på förbundschefens bekräftelse/).waitFor();
  const row = page.getByRole('row').filter({ hasText: note });
  await row.getByText('Väntar på förbundschefens bekräftelse', { exact: true }).waitFor();
  // The row says why it waits: the yearly change against the threshold.
  await row.getByText(/^Väntar på förbundschefens bekräftelse: /).waitFor();
  assert.match(await row.innerText(), /\+50/);
  await row.getByRole('button', { name: /Återta/ }).waitFor();
  await checkA11y(page, assert);
  await ctx.close();
});

test('the federation manager confirms the order', async () => {
  const ctx = await env.browser.newContext({ locale: 'sv-SE' });
  const page = await login(ctx, env.base, 'chef', assert);
  await page.getByRole('link', { name: 'Administration' }).first().click();
  await page.getByRole('navigation', { name: 'Register' }).getByRole('link', { name: 'Stora beställningar' }).click();
  await page.getByRole('heading', { name: 'Stora beställningar', level: 1 }).waitFor();
  await checkA11y(page, assert);
  const order = page.getByRole('region').filter({ hasText: note });
  assert.match(await order.getByRole('heading', { level: 3 }).innerText(), /^Ystads kommun: \+50 WP-ADM/);
  await order.getByRole('button', { name: /^Bekräfta/ }).click();
  await page.getByRole('status').getByText('Beställningen är bekräftad').waitFor();
  assert.equal(await page.getByRole('region').filter({ hasText: note }).count(), 0);
  await checkA11y(page, assert);
  await ctx.close();
});

test('the orderer sees the order applied and reads the charges and the budget', async () => {
  const ctx = await env.browser.newContext({ locale: 'sv-SE' });
  const page = await login(ctx, env.base, 'yst.orderer', assert);
  await page.goto(`${env.base}/member/subscriptions`);
  const row = page.getByRole('row').filter({ hasText: note });
  await row.getByText('Genomförd').waitFor();
  assert.match(await row.innerText(), /chef/);
  await checkA11y(page, assert);

  await page.getByRole('link', { name: 'Debitering' }).first().click();
  await page.getByRole('heading', { name: /Debitering: Ystads kommun/, level: 1 }).waitFor();
  await page.getByRole('heading', { name: 'Rader', level: 2 }).waitFor();
  assert.match(await page.locator('#invoice-total').innerText(), /kr$/);
  const csv = page.getByRole('link', { name: 'Ladda ner underlaget som CSV' });
  assert.match(await csv.getAttribute('href'), /\/api\/v1\/members\/YST\/invoices\/\d{4}-\d{2}\?format=csv/);
  await checkA11y(page, assert);

  await page.getByRole('link', { name: 'Budgetförslag för nästa år' }).click();
  await page.getByRole('heading', { name: /Budgetförslag: Ystads kommun/, level: 1 }).waitFor();
  await page.getByRole('heading', { name: 'Per tjänst', level: 2 }).waitFor();
  const budgetCsv = page.getByRole('link', { name: 'Ladda ner budgetförslaget som CSV' });
  assert.match(await budgetCsv.getAttribute('href'), /budget\?year=\d{4}&format=csv/);
  await checkA11y(page, assert);
  // A month that does not exist names the field.
  await page.goto(`${env.base}/member/invoice?month=2027-13`);
  await page.getByRole('alert').getByText(/Skriv en månad som ÅÅÅÅ-MM/).waitFor();
  await checkA11y(page, assert);
  await ctx.close();
});

test('an admin opens the catalog pages', async () => {
  const ctx = await env.browser.newContext({ locale: 'sv-SE' });
  const page = await login(ctx, env.base, 'admin', assert);
  for (const [path, heading] of [['/admin/catalog', 'Tjänstekatalog'], ['/admin/catalog-items', 'Katalogartiklar'], ['/admin/orders', 'Stora beställningar']]) {
    const response = await page.goto(`${env.base}${path}`);
    assert.equal(response.status(), 200, path);
    await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
    await checkA11y(page, assert);
  }
  // An edit form opened shows its fields, and passes axe too.
  await page.goto(`${env.base}/admin/catalog`);
  await page.getByText('Ändra familj, ägare, beroenden och beskrivning').first().click();
  await page.getByLabel('Tjänstefamilj').first().waitFor();
  await checkA11y(page, assert);
  // A bad form-field line comes back named by its number.
  await page.goto(`${env.base}/admin/catalog-items`);
  await page.getByLabel(/^Kod/).fill('TEST-ITEM');
  await page.getByLabel(/^Namn/).fill('Prov');
  await page.getByLabel('Formulärfält').fill('namn | Namn | text | ja\nnär | När | kalender');
  await page.getByRole('button', { name: 'Lägg till katalogartikel' }).click();
  await page.getByRole('alert').getByText(/Rad 2:/).waitFor();
  assert.equal(await page.getByLabel('Formulärfält').getAttribute('aria-invalid'), 'true');
  await checkA11y(page, assert);
  await ctx.close();
});

test('the pages reflow on a phone-width screen (320 CSS px)', async () => {
  for (const [user, path] of [['yst.orderer', '/member/subscriptions'], ['yst.orderer', '/member/invoice'],
    ['yst.orderer', '/member/budget'], ['admin', '/admin/catalog'], ['admin', '/admin/catalog-items'], ['chef', '/admin/orders']]) {
    const ctx = await env.browser.newContext({ locale: 'sv-SE', viewport: { width: 320, height: 640 } });
    const page = await login(ctx, env.base, user, assert);
    await page.goto(`${env.base}${path}`);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `${path} scrolls sideways by ${overflow}px`);
    await ctx.close();
  }
});

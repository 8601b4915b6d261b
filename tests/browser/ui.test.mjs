// The main flows of each role, in a real browser against the real server:
// report a fault, work it to resolved (with a stale form on the way), read
// the member's service-level report, switch language; axe on every page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, login, signIn, checkA11y } from './harness.mjs';

let env;
before(async () => { env = await startServer(); });
after(async () => { await env?.stop(); });

const title = `Skrivaren i Ystad ${Date.now()}`;

test('an end user reports a fault in the portal and sees it in my tickets', async () => {
  const ctx = await env.browser.newContext({ locale: 'sv-SE' });
  const page = await login(ctx, env.base, 'yst.user', assert);
  assert.match(page.url(), /\/portal$/);
  assert.equal(await page.getAttribute('html', 'lang'), 'sv');
  await assert.doesNotReject(page.getByRole('heading', { name: 'Driftmeddelanden' }).waitFor());
  await checkA11y(page, assert);
  await page.getByRole('link', { name: 'Anmäl ett fel eller beställ något' }).click();
  await checkA11y(page, assert);
  // Sending without a title names the field and keeps what was typed.
  await page.getByLabel('Beskrivning').fill('Den blinkar orange.');
  await page.getByRole('button', { name: 'Skicka' }).click();
  await page.getByRole('alert').waitFor();
  assert.equal(await page.getByLabel('Beskrivning').inputValue(), 'Den blinkar orange.');
  assert.equal(await page.getByLabel(/^Rubrik/).getAttribute('aria-invalid'), 'true');
  await checkA11y(page, assert);
  await page.getByLabel(/^Rubrik/).fill(title);
  await page.getByLabel('Tjänst').selectOption({ label: 'Skrivare' });
  const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
  await page.getByLabel(/^Fil/).setInputFiles({ name: 'skarmbild.png', mimeType: 'image/png', buffer: png });
  await page.getByRole('button', { name: 'Skicka' }).click();
  await page.getByText('Ärendet är registrerat.').waitFor();
  await page.getByRole('link', { name: 'skarmbild.png' }).waitFor();
  await assert.doesNotReject(page.getByRole('heading', { name: new RegExp(title) }).waitFor());
  await checkA11y(page, assert);
  await page.getByRole('link', { name: 'Mina ärenden' }).first().click();
  await page.getByRole('cell', { name: title }).waitFor();
  await ctx.close();
});

test('an agent works the ticket to resolved; a stale form says so and keeps the text', async () => {
  const ctx = await env.browser.newContext({ locale: 'sv-SE' });
  const page = await login(ctx, env.base, 'agent', assert);
  assert.match(page.url(), /\/agent$/);
  await checkA11y(page, assert);
  await page.getByRole('link', { name: 'Alla öppna' }).click();
  await page.getByLabel('Sök i ärenden').fill(title);
  await page.getByRole('button', { name: 'Sök' }).click();
  await checkA11y(page, assert);
  // Save the search as a filter; it comes back as a link above the queue.
  await page.getByLabel('Namn på filtret').fill('Skrivare Ystad');
  await page.getByRole('button', { name: 'Spara det här filtret' }).click();
  await page.getByRole('navigation', { name: 'Sparade filter' }).getByRole('link', { name: 'Skrivare Ystad' }).click();
  assert.equal(await page.getByLabel('Sök i ärenden').inputValue(), title);
  await checkA11y(page, assert);
  await page.getByRole('row', { name: new RegExp(title) }).getByRole('link').click();
  await page.getByRole('heading', { name: 'Servicenivå' }).waitFor();
  await checkA11y(page, assert);
  // A second tab opens the same ticket before the first changes it.
  const other = await ctx.newPage();
  await other.goto(page.url());
  await page.getByRole('button', { name: 'Ta ärendet' }).click();
  await page.getByText('Tilldelad').first().waitFor();
  await other.getByLabel('Ny status').selectOption('resolved');
  await other.getByLabel('Lösning (visas för anmälaren)').fill('Bytt tonerkassett.');
  await other.getByRole('button', { name: 'Spara' }).first().click();
  await other.getByText('Någon annan har ändrat ärendet').waitFor();
  assert.equal(await other.getByLabel('Lösning (visas för anmälaren)').inputValue(), 'Bytt tonerkassett.');
  await checkA11y(other, assert);
  // Sent again from the fresh form, it goes through.
  await other.getByRole('button', { name: 'Spara' }).first().click();
  await other.getByText('Löst').first().waitFor();
  await other.getByText('Bytt tonerkassett.').first().waitFor();
  await checkA11y(other, assert);
  await ctx.close();
});

test('the end user hears that the ticket was resolved: the bell, the list, marked read', async () => {
  const ctx = await env.browser.newContext({ locale: 'sv-SE' });
  const page = await login(ctx, env.base, 'yst.user', assert);
  const bell = page.getByRole('link', { name: /^Aviseringar \d+ olästa$/ });
  await bell.click();
  await page.getByRole('heading', { name: 'Aviseringar' }).waitFor();
  await page.getByRole('link', { name: new RegExp(`${title} är löst`) }).waitFor();
  await checkA11y(page, assert);
  await page.getByRole('button', { name: 'Markera alla som lästa' }).click();
  await page.getByRole('heading', { name: 'Aviseringar' }).waitFor();
  assert.equal(await page.locator('.bell .count').count(), 0, 'no count once all are read');
  await checkA11y(page, assert);
  await ctx.close();
});

test('the orderer reads the member report with its chart', async () => {
  const ctx = await env.browser.newContext({ locale: 'sv-SE' });
  const page = await login(ctx, env.base, 'yst.orderer', assert);
  assert.match(page.url(), /\/member$/);
  await checkA11y(page, assert);
  await page.getByRole('link', { name: 'Uppföljning' }).first().click();
  await page.getByRole('heading', { name: /Måluppfyllelse per tjänst/ }).waitFor();
  assert.ok(await page.locator('svg[role="img"] rect.bar').count() >= 4);
  const csv = page.getByRole('link', { name: 'Ladda ner som CSV' });
  assert.match(await csv.getAttribute('href'), /format=csv/);
  await checkA11y(page, assert);
  await ctx.close();
});

test('a member login meets the user agreement first; it passes axe in both languages', async () => {
  const ctx = await env.browser.newContext({ locale: 'sv-SE' });
  const page = await signIn(ctx, env.base, 'sim.strategist', assert);
  assert.match(page.url(), /\/agreement\?next=\/member$/);
  await page.getByRole('heading', { name: 'Användaravtal: Simrishamns kommun', level: 1 }).waitFor();
  await page.getByText('Ditt konto är personligt.', { exact: false }).waitFor();
  assert.equal(await page.getByRole('navigation', { name: 'Huvudmeny' }).count(), 0);
  await checkA11y(page, assert);
  // Nothing else opens before the agreement is accepted.
  await page.goto(`${env.base}/member/report`);
  assert.match(page.url(), /\/agreement\?next=/);
  await page.goto(`${env.base}/agreement?next=/member`);
  await page.getByLabel('Språk').selectOption('en');
  await page.getByRole('button', { name: 'Byt språk' }).click();
  await page.getByRole('heading', { name: 'User agreement: Simrishamns kommun', level: 1 }).waitFor();
  await page.getByText('Your account is personal.', { exact: false }).waitFor();
  await checkA11y(page, assert);
  await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'I accept the agreement' }).click()]);
  assert.match(page.url(), /\/member$/);
  await page.getByRole('link', { name: 'User agreement' }).first().click();
  await page.getByRole('heading', { name: /Acceptances of the user agreement/, level: 1 }).waitFor();
  await page.getByRole('rowheader', { name: 'sim.strategist' }).first().waitFor();
  await checkA11y(page, assert);
  await ctx.close();
});

test('the language switch turns the UI English and remembers it', async () => {
  const ctx = await env.browser.newContext({ locale: 'sv-SE' });
  const page = await login(ctx, env.base, 'tom.user', assert);
  await page.getByLabel('Språk').selectOption('en');
  await page.getByRole('button', { name: 'Byt språk' }).click();
  await page.getByRole('heading', { name: 'My tickets', level: 1 }).waitFor();
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  await checkA11y(page, assert);
  await page.goto(`${env.base}/portal/new`);
  await page.getByRole('heading', { name: 'Report a fault or ask for something' }).waitFor();
  await checkA11y(page, assert);
  await ctx.close();
});

test('pages reflow on a phone-width screen (320 CSS px, as 200 % zoom of 640)', async () => {
  for (const [user, path] of [['yst.user', '/portal'], ['yst.user', '/portal/new'], ['yst.user', '/notifications'], ['agent', '/agent'], ['agent', '/notifications'], ['yst.orderer', '/member/report']]) {
    const ctx = await env.browser.newContext({ locale: 'sv-SE', viewport: { width: 320, height: 640 } });
    const page = await login(ctx, env.base, user, assert);
    await page.goto(`${env.base}${path}`);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `${path} scrolls sideways by ${overflow}px`);
    await ctx.close();
  }
});

test('the desk reports for a caller found by name, attaches a file, and the group lead sees the load', async () => {
  const ctx = await env.browser.newContext({ locale: 'sv-SE' });
  const page = await login(ctx, env.base, 'agent', assert);
  await page.getByRole('link', { name: 'Ny anmälan via telefon' }).click();
  await page.getByLabel('Sök person (namn eller e-post)').fill('anna.berg@ystad');
  await page.getByRole('button', { name: 'Sök' }).click();
  await checkA11y(page, assert);
  await page.getByRole('link', { name: /Anmäl för Anna Berg/ }).click();
  await page.getByText('Anmälan för').waitFor();
  await checkA11y(page, assert);
  await page.getByLabel(/^Rubrik/).fill('Telefon: kan inte logga in');
  await page.getByRole('button', { name: 'Skicka' }).click();
  await page.getByText('Ärendet är registrerat.').waitFor();
  assert.match(await page.locator('h1 .number').innerText(), /^YST-/);
  await page.getByLabel(/^Fil/).setInputFiles({ name: 'felmeddelande.txt', mimeType: 'text/plain', buffer: Buffer.from('Fel 0x80070005') });
  await page.getByRole('button', { name: 'Bifoga fil' }).click();
  await page.getByRole('link', { name: 'felmeddelande.txt' }).waitFor();
  await checkA11y(page, assert);
  await page.getByRole('link', { name: 'Gruppöversikt' }).click();
  await page.getByRole('heading', { name: 'Gruppöversikt', level: 1 }).waitFor();
  await checkA11y(page, assert);
  await ctx.close();
});

test('every administration page is usable and passes axe', async () => {
  const ctx = await env.browser.newContext({ locale: 'sv-SE' });
  const page = await login(ctx, env.base, 'admin', assert);
  await page.getByRole('link', { name: 'Administration' }).first().click();
  for (const path of ['/admin', '/admin/members', '/admin/people', '/admin/deliveries', '/admin/entitlement-rules', '/admin/accounts', '/admin/groups',
    '/admin/suppliers', '/admin/services', '/admin/calendars', '/admin/agreements', '/admin/user-agreements']) {
    const response = await page.goto(`${env.base}${path}`);
    assert.equal(response.status(), 200, path);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await checkA11y(page, assert);
  }
  // A member's user agreement, its acceptances, and one account's page.
  await page.getByRole('link', { name: 'Visa avtalet: Ystads kommun' }).click();
  await page.getByRole('heading', { name: 'Användaravtal: Ystads kommun', level: 1 }).waitFor();
  await checkA11y(page, assert);
  await page.getByRole('link', { name: 'Godkännanden: Ystads kommun' }).click();
  await page.getByRole('heading', { name: /Godkännanden av användaravtalet/, level: 1 }).waitFor();
  await checkA11y(page, assert);
  await page.goto(`${env.base}/admin/accounts`);
  await page.getByRole('link', { name: 'yst.orderer' }).click();
  await page.getByRole('heading', { name: 'Konto: yst.orderer', level: 1 }).waitFor();
  await checkA11y(page, assert);
  // Give the orderer a role in Tomelilla too, on the version the page showed.
  await page.getByRole('group', { name: /Tomelilla/ }).getByLabel('Användare').check();
  await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Spara ändringarna' }).click()]);
  await page.getByRole('status').waitFor();
  await page.getByRole('cell', { name: 'Användare' }).waitFor();
  await checkA11y(page, assert);
  // A delivery's page and a person's page with their history.
  for (const [list, link] of [['/admin/deliveries', 'a[href^="/admin/deliveries/"]'], ['/admin/people', 'a[href^="/admin/people/"]']]) {
    await page.goto(`${env.base}${list}`);
    await Promise.all([page.waitForNavigation(), page.locator(link).first().click()]);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await checkA11y(page, assert);
  }
  await ctx.close();
});

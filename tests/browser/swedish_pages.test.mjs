// The Swedish pages speak Swedish: for an end user, an agent, an admin and
// a member's orderer, the main pages of the demo (with ticket pages and
// their history) show no text of the English catalogs and no id (UUID).
// The English texts are read from the catalogs in the source, so a text
// added later is checked too.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer, login } from './harness.mjs';

const web = join(dirname(fileURLToPath(import.meta.url)), '../../crates/samdrift-web/src');

/** The (key, text) pairs of a Rust catalog table (`("key", "text")`). */
function pairs(source) {
  const out = new Map();
  const re = /\(\s*"((?:[^"\\]|\\.)*)",\s*"((?:[^"\\]|\\.)*)",?\s*\)/g;
  for (const m of source.matchAll(re)) out.set(m[1], JSON.parse(`"${m[2]}"`));
  return out;
}

/** Swedish and English catalogs: every table of the UI and the messages. */
function catalogs() {
  const sv = new Map();
  const en = new Map();
  const add = (map, text) => { for (const [k, v] of pairs(text)) map.set(k, v); };
  const main = readFileSync(join(web, 'ui/i18n.rs'), 'utf8');
  const at = main.indexOf('pub const EN');
  add(sv, main.slice(main.indexOf('pub const SV'), at));
  add(en, main.slice(at, main.indexOf('#[cfg(test)]')));
  for (const dir of ['ui/admin/i18n', 'ui/catalog/i18n', 'ui/identity_i18n', 'ui/mail_i18n', 'messages']) {
    for (const f of readdirSync(join(web, dir)).filter((f) => f.endsWith('.rs'))) {
      const text = readFileSync(join(web, dir, f), 'utf8');
      if (/(^|_)sv\.rs$/.test(f)) add(sv, text);
      if (/(^|_)en\.rs$/.test(f)) add(en, text);
    }
  }
  return { sv, en };
}

/**
 * Pieces of English text that would only be on a page by mistake: the
 * parts between placeholders of texts that differ from their Swedish, of
 * at least two words and 12 characters.
 */
function englishPieces() {
  const { sv, en } = catalogs();
  const pieces = new Set();
  for (const [key, text] of en) {
    if (sv.get(key) === text) continue;
    for (const piece of text.split(/\{[a-z_]+\}/)) {
      const p = piece.trim();
      if (p.length >= 12 && /[A-Za-z]+ [A-Za-z]+/.test(p)) pieces.add(p);
    }
  }
  return [...pieces];
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
const pieces = englishPieces();

let env;
before(async () => { env = await startServer(); });
after(async () => { await env?.stop(); });

/**
 * Checks the visible text of the page. The registers of the administration
 * show each record's id on purpose, as `<code>` in an "Id" column (an admin
 * copies it into a form); that text is left out of the check for ids. Text
 * in an element marked with another `lang` is left out too.
 */
async function checkSwedish(page, { registerIds = false } = {}) {
  assert.equal(await page.getAttribute('html', 'lang'), 'sv', page.url());
  const text = await page.evaluate((skipCode) => {
    let all = document.body.innerText;
    if (skipCode) for (const c of document.querySelectorAll('code')) all = all.replace(c.innerText, '');
    // Text marked as another language is English on purpose (the English
    // version of a member's user agreement beside the Swedish).
    for (const other of document.body.querySelectorAll('[lang]:not([lang="sv"])')) all = all.replace(other.innerText, '');
    return all;
  }, registerIds);
  const english = pieces.filter((p) => text.includes(p));
  assert.deepEqual(english, [], `${page.url()} shows English`);
  const id = text.match(UUID);
  assert.equal(id, null, `${page.url()} shows an id: ${id?.[0]}`);
}

async function visit(page, path, options) {
  const response = await page.goto(`${env.base}${path}`);
  assert.ok(response.status() < 500, `${path}: ${response.status()}`);
  await checkSwedish(page, options);
}

/** Opens the first ticket linked from the page and checks it. */
async function firstTicket(page) {
  const link = page.locator('a[href^="/tickets/"]').first();
  await link.waitFor();
  await page.goto(`${env.base}${await link.getAttribute('href')}`);
  await page.locator('#history-title').waitFor();
  await checkSwedish(page);
  return page.locator('#history-title ~ div tbody tr').count();
}

test('the test knows the English texts', () => {
  assert.ok(pieces.length > 300, `${pieces.length} pieces`);
  assert.ok(pieces.includes('must not be empty') || pieces.some((p) => p.startsWith('that would take')));
});

test('an end user reads Swedish with names, not ids', async () => {
  const ctx = await env.browser.newContext({ locale: 'sv-SE' });
  const page = await login(ctx, env.base, 'yst.user', assert);
  for (const path of ['/portal', '/portal/new', '/portal/catalog', '/notifications', '/account/notifications']) await visit(page, path);
  await visit(page, '/portal');
  await firstTicket(page);
  await ctx.close();
});

test('an agent reads the queues and a ticket with its history in Swedish', async () => {
  const ctx = await env.browser.newContext({ locale: 'sv-SE' });
  const page = await login(ctx, env.base, 'agent', assert);
  await visit(page, '/agent');
  await page.getByRole('link', { name: 'Alla öppna' }).click();
  await checkSwedish(page);
  const rows = await firstTicket(page);
  assert.ok(rows > 0, 'the ticket has a history');
  // A change of group and assignee reads as names.
  const group = page.locator('#group_id');
  const choice = await group.locator('option').nth(1).getAttribute('value');
  const current = await group.inputValue();
  const picked = choice === current ? 2 : 1;
  const name = (await group.locator('option').nth(picked).innerText()).trim();
  await group.selectOption({ index: picked });
  await Promise.all([page.waitForNavigation(), page.locator('form:has(#group_id) button[type="submit"]').click()]);
  await page.locator('#history-title').waitFor();
  await checkSwedish(page);
  const history = await page.locator('#history-title ~ div tbody').innerText();
  assert.ok(history.includes(`→ ${name}`) || history.includes(name), `the new group by name: ${history}`);
  assert.ok(history.includes('Grupp ändrad'), history);
  await ctx.close();
});

test('an admin reads every administration page in Swedish', async () => {
  const ctx = await env.browser.newContext({ locale: 'sv-SE' });
  const page = await login(ctx, env.base, 'admin', assert);
  for (const path of ['/admin', '/admin/members', '/admin/people', '/admin/deliveries', '/admin/entitlement-rules', '/admin/accounts', '/admin/groups',
    '/admin/suppliers', '/admin/services', '/admin/calendars', '/admin/agreements', '/admin/catalog',
    '/admin/catalog-items', '/admin/orders', '/admin/mail', '/admin/mail/texts?member=YST', '/admin/user-agreements']) {
    await visit(page, path, { registerIds: true });
  }
  await page.getByRole('link', { name: 'Visa avtalet: Tomelilla kommun' }).click();
  await page.getByRole('heading', { level: 1 }).waitFor();
  await checkSwedish(page);
  await page.goto(`${env.base}/admin/accounts`);
  await page.getByRole('link', { name: 'tom.orderer' }).click();
  await page.getByRole('heading', { name: 'Konto: tom.orderer', level: 1 }).waitFor();
  await checkSwedish(page);
  await ctx.close();
});

test('an orderer reads the member pages, the invoice basis and the budget in Swedish', async () => {
  const ctx = await env.browser.newContext({ locale: 'sv-SE' });
  const page = await login(ctx, env.base, 'yst.orderer', assert);
  for (const path of ['/member', '/member/subscriptions', '/member/invoice', '/member/budget', '/member/report',
    '/member/user-agreement']) {
    await visit(page, path);
  }
  // A refused month says so in Swedish.
  await visit(page, '/member/invoice?month=2027-13');
  await ctx.close();
});

// The mail pages in a real browser against the demo federation: a user
// chooses how they hear of a kind of notification with the keyboard and
// saves it; the administrator reads the outbox, incoming mail and failing
// addresses, and previews a member's mail text. axe on every page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, login, checkA11y } from './harness.mjs';

let env;
before(async () => { env = await startServer(); });
after(async () => { await env?.stop(); });

test('a user chooses a notification channel with the keyboard and saves it', async () => {
  const ctx = await env.browser.newContext({ locale: 'sv-SE' });
  const page = await login(ctx, env.base, 'admin', assert);
  await page.getByRole('link', { name: 'Mitt konto' }).first().click();
  await page.getByRole('navigation', { name: 'Mitt konto' }).getByRole('link', { name: 'Aviseringar och e-post' }).click();
  await page.getByRole('heading', { name: 'Aviseringar och e-post', level: 1 }).waitFor();
  await checkA11y(page, assert);
  const comments = page.getByRole('group', { name: 'Svar och kommentarer på ärenden' });
  const product = comments.getByRole('radio', { name: 'Bara här i samdrift (förval för din roll)' });
  const mail = comments.getByRole('radio', { name: 'Även med e-post direkt' });
  assert.ok(await product.isChecked(), 'staff hear of comments in the product until they choose');
  // Arrow keys move the choice within the kind; Enter on the button sends.
  await product.focus();
  await page.keyboard.press('ArrowDown');
  assert.ok(await mail.isChecked());
  await page.getByRole('button', { name: 'Spara valen' }).focus();
  await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
  await page.getByRole('status').filter({ hasText: 'Sparat.' }).waitFor();
  assert.ok(await page.getByRole('group', { name: 'Svar och kommentarer på ärenden' })
    .getByRole('radio', { name: 'Även med e-post direkt' }).isChecked(), 'the choice is kept');
  await checkA11y(page, assert);
  await ctx.close();
});

test('the administrator reads the mail page and previews a member text', async () => {
  const ctx = await env.browser.newContext({ locale: 'sv-SE' });
  const page = await login(ctx, env.base, 'admin', assert);
  await page.getByRole('link', { name: 'Administration' }).first().click();
  await page.getByRole('navigation', { name: 'Register' }).getByRole('link', { name: 'E-post', exact: true }).click();
  await page.getByRole('heading', { name: 'E-post', level: 1 }).waitFor();
  await page.getByRole('heading', { name: 'Utkorgen', level: 2 }).waitFor();
  await page.getByRole('heading', { name: 'Inkommande e-post', level: 2 }).waitFor();
  await checkA11y(page, assert);
  await page.getByRole('navigation', { name: 'Visa utkorgen efter läge' }).getByRole('link', { name: 'Misslyckat' }).click();
  assert.match(page.url(), /\/admin\/mail\?state=failed$/);
  await checkA11y(page, assert);

  await page.getByRole('navigation', { name: 'Register' }).getByRole('link', { name: 'E-posttexter' }).click();
  await page.getByLabel(/^Medlem/).selectOption('YST');
  await page.getByRole('button', { name: 'Visa texterna' }).click();
  await page.getByRole('heading', { name: /^E-posttexter: Ystads kommun/, level: 1 }).waitFor();
  await checkA11y(page, assert);
  await page.locator('#e-ticket_comment > summary').click();
  const section = page.locator('#t-ticket_comment-sv');
  await section.getByLabel('Ämne').fill('[{{ ticket }}] Svar från {{ member }}');
  await section.getByRole('button', { name: /^Förhandsgranska/ }).click();
  await page.getByRole('heading', { name: 'Förhandsgranskning med exempeluppgifter (inte sparad)' }).waitFor();
  await page.getByText('[YST-2026-000123] Svar från Ystad kommun').waitFor();
  assert.equal(await page.locator('#f-ticket_comment-sv-subject').inputValue(), '[{{ ticket }}] Svar från {{ member }}');
  await checkA11y(page, assert);
  await ctx.close();
});

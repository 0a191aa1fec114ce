// `warta serve` in headless Chromium: what a reader does, checked against the API.
// Run by .ci/run (see README.md here); screenshots go to target/e2e/.

import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = fileURLToPath(new URL('..', import.meta.url));
const target = process.env.CARGO_TARGET_DIR || `${root}target`;
const warta = process.env.WARTA_BIN || `${target}/debug/warta`;
const out = `${target}/e2e`;
/** Debian's launcher is a shell script; the browser itself sits beside it. */
const browserPath = process.env.CHROMIUM
  || ['/usr/lib/chromium/chromium', '/usr/bin/chromium'].find((path) => existsSync(path));

let server;
let base;
let browser;
/** Every console error (CSP violations among them), failed request, page error and dialog. */
const incidents = [];

before(async () => {
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const data = `${out}/data`;
  execFileSync(warta, ['ingest', '--data', data, `${root}samples`, `${root}e2e/articles`], { stdio: 'inherit' });
  server = spawn(warta, ['serve', '--data', data, '--addr', '127.0.0.1:0'], { stdio: ['ignore', 'inherit', 'pipe'] });
  base = await new Promise((resolve, reject) => {
    let said = '';
    server.stderr.on('data', (chunk) => {
      said += chunk;
      process.stderr.write(chunk);
      // The whole address: stderr may arrive cut anywhere.
      const address = said.match(/(http:\/\/[^/\s]+)\//);
      if (address) resolve(address[1]);
    });
    server.on('exit', (code) => reject(new Error(`warta serve exited with ${code}: ${said}`)));
  });
  // As root, without the sandbox; without background networking, which this machine's
  // closed network would refuse.
  browser = await chromium.launch({
    executablePath: browserPath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
});

after(async () => {
  await browser?.close();
  server?.kill();
});

async function open(path) {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  page.on('console', (message) => {
    if (message.type() === 'error') incidents.push(`console: ${message.text()}`);
  });
  page.on('response', (response) => {
    if (response.status() >= 400) incidents.push(`${response.status()} ${response.url()}`);
  });
  page.on('pageerror', (error) => incidents.push(`page error: ${error.message}`));
  page.on('dialog', async (dialog) => {
    incidents.push(`dialog: ${dialog.message()}`);
    await dialog.dismiss();
  });
  await page.goto(`${base}${path}`);
  return page;
}

/** The document the page shows, from the API. */
async function shownDocument(page) {
  const id = decodeURIComponent(new URL(page.url()).hash.replace('#/doc/', ''));
  const response = await page.request.get(`${base}/api/documents/${encodeURIComponent(id)}`);
  assert.equal(response.status(), 200);
  return response.json();
}

/** The text of a byte span of `text`. */
function slice(text, span) {
  return Buffer.from(text, 'utf8').subarray(span.start, span.end).toString('utf8');
}

test('search, open an article, click a quote: its span is highlighted and its speaker named', async () => {
  const page = await open('/');
  await page.fill('input[name=q]', 'drone');
  await page.press('input[name=q]', 'Enter');
  const hit = page.locator('.hit a.title', { hasText: 'Ratusan Drone' });
  await hit.click();
  await page.waitForSelector('article.text .quote');
  const { analysis } = await shownDocument(page);

  const index = analysis.quotes.findIndex((quote) => quote.speaker && quote.speaker.name && quote.kind === 'direct');
  assert.ok(index >= 0, 'the article has a direct quote with a named speaker');
  const quote = analysis.quotes[index];
  const pieces = page.locator(`article.text [data-quote="${index}"]`);
  await pieces.first().click();

  const selected = page.locator('article.text .selected');
  const highlighted = (await selected.allTextContents()).join('');
  assert.equal(highlighted, slice(analysis.text, quote.span));
  assert.equal(highlighted, quote.text);
  const colours = await selected.evaluateAll((elements) =>
    [...new Set(elements.map((e) => [...e.classList].find((c) => c.startsWith('spk-'))))]);
  assert.equal(colours.length, 1, 'one colour for one speaker');

  const record = page.locator('.panel .record');
  await assert.doesNotReject(record.waitFor());
  assert.ok((await record.textContent()).includes(quote.speaker.name));
  assert.ok((await record.locator('blockquote').textContent()) === quote.text);
  assert.ok((await record.textContent()).includes(slice(analysis.text, quote.evidence)));
  await page.screenshot({ path: `${out}/article-quote.png`, fullPage: true });

  // The speaker's name links to the entity's page.
  if (quote.speaker.id) {
    await record.locator('a').first().click();
    await page.waitForSelector('main h2');
    assert.equal(await page.locator('main h2').textContent(), quote.speaker.name);
    await page.screenshot({ path: `${out}/entity.png`, fullPage: true });
  }
  await page.close();
});

test('facets narrow the search and the language switches', async () => {
  const page = await open('/#/search?q=serangan');
  await page.waitForSelector('.facets a');
  const before = await page.locator('.count').textContent();
  await page.locator('.facets section', { hasText: /Media|Outlet/ }).locator('li a').first().click();
  await page.waitForSelector('.chosen');
  const after = await page.locator('.count').textContent();
  assert.ok(parseInt(after, 10) < parseInt(before, 10), `${after} < ${before}`);
  await page.screenshot({ path: `${out}/search.png`, fullPage: true });
  const english = (await page.locator('button.lang').textContent()) === 'English';
  await page.click('button.lang');
  await page.waitForSelector(`form.search button:text("${english ? 'Search' : 'Cari'}")`);
  await page.close();
});

test('markup in an article is shown as text and runs nothing', async () => {
  const page = await open('/#/search?q=jembatan%20gantung');
  await page.locator('.hit a.title', { hasText: 'Jembatan Gantung' }).click();
  await page.waitForSelector('article.text p');
  const article = page.locator('article.text');
  const text = await article.textContent();
  assert.ok(text.includes('<script>window.__pwned = 1</script>'), text);
  assert.ok(text.includes("onerror='window.__pwned = 2'"), text);
  assert.equal(await article.locator('script, img, iframe, object').count(), 0);
  // The quote holding the markup is still a quote, highlighted like any other.
  await page.locator('article.text .quote').first().click();
  assert.ok((await page.locator('.panel blockquote').textContent()).includes('<img src=x onerror='));
  await page.waitForTimeout(300);
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  await page.screenshot({ path: `${out}/markup-inert.png`, fullPage: true });
  await page.close();
});

test('the timeline tells one event once; its reports and the disputed numbers are side by side', async () => {
  const page = await open('/#/timeline?place=Kharkiv&type=ASSAULT');
  await page.waitForSelector('section.day');
  const day = page.locator('section.day', { hasText: '2025-03-03' });
  assert.equal(await day.locator('li').count(), 1, 'two reports, one line');
  await day.locator('li a.n').click();
  await page.waitForSelector('main table');
  assert.equal(await page.locator('main tbody tr').count(), 2);
  const outlets = await page.locator('main tbody tr td:nth-child(3)').allTextContents();
  assert.deepEqual(outlets.sort(), ['Kabar Timur', 'Warta Pagi']);
  await page.screenshot({ path: `${out}/story-event.png`, fullPage: true });

  await page.goto(`${base}/#/contradictions?type=ASSAULT`);
  await page.waitForSelector('section.dispute');
  const numbers = await page.locator('section.dispute', { hasText: 'Kharkiv' }).locator('tbody tr td:nth-child(2)').allTextContents();
  assert.deepEqual(numbers.sort(), ['12 drone', '20 drone']);
  await page.screenshot({ path: `${out}/contradictions.png`, fullPage: true });
  await page.close();
});

test('the map places the attack on Kharkiv over the base map', async () => {
  const page = await open('/#/map?type=ASSAULT');
  await page.waitForSelector('svg.map circle.place');
  assert.ok((await page.locator('svg.map path.land').getAttribute('d')).length > 10000, 'the land outlines');
  const kharkiv = page.locator('svg.map circle.place', { has: page.locator('title', { hasText: 'Kharkiv' }) });
  assert.equal(await kharkiv.count(), 1);
  const [x, y] = await Promise.all([kharkiv.getAttribute('cx'), kharkiv.getAttribute('cy')]);
  assert.ok(Math.abs(Number(x) - 36.2) < 1 && Math.abs(Number(y) + 50) < 1, `${x}, ${y}`);
  await page.screenshot({ path: `${out}/map.png`, fullPage: true });
  await page.close();
});

test('no page broke its Content-Security-Policy, failed a request, threw, or opened a dialog', () => {
  assert.deepEqual(incidents, []);
});

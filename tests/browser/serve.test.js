// End-to-end test of `claimlint serve` in headless Chromium: the page an
// editor opens, driven as they would drive it. Needs the release binary
// (`cargo build --release`), Debian's chromium at /usr/bin/chromium and
// `npm ci` in this directory; run with `npm test`.
//
// It also measures, for the note, the time from a keystroke to the
// highlighted findings on a 5,000-word draft, and prints it.

'use strict';

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { spawn, execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { chromium } = require('playwright-core');

const ROOT = path.resolve(__dirname, '..', '..');
const BIN = process.env.CLAIMLINT_BIN || path.join(ROOT, 'target', 'release', 'claimlint');
const SEED = path.join(ROOT, 'examples', 'kerry-lavrov.txt');
const SCREENSHOT = process.env.CLAIMLINT_SCREENSHOT || path.join(ROOT, 'docs', 'serve.png');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

let server;
let url;
let context;
let profile;

// The CLI's view of a draft, to compare the page with.
function cli(args, input) {
  try {
    return execFileSync(BIN, args, { cwd: ROOT, input, encoding: 'utf8' });
  } catch (e) {
    // Exit status 1 means findings: its output is the answer.
    if (e.status === 1) return e.stdout;
    throw e;
  }
}

before(async () => {
  server = spawn(BIN, ['serve', '--port', '0', '--isolated'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  url = await new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error('no URL printed in 20 s: ' + out)), 20000);
    server.stdout.on('data', (chunk) => {
      out += chunk;
      const found = out.match(/http:\/\/\S+\//);
      if (found) {
        clearTimeout(timer);
        resolve(found[0]);
      }
    });
    server.on('exit', (code) => reject(new Error('claimlint serve exited with ' + code + ': ' + out)));
  });
  profile = fs.mkdtempSync(path.join(os.tmpdir(), 'claimlint-chromium-'));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1280, height: 800 },
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
  });
});

after(async () => {
  if (context) await context.close();
  if (server) server.kill('SIGINT');
  if (profile) fs.rmSync(profile, { recursive: true, force: true });
});

async function openPage() {
  const page = await context.newPage();
  const requests = [];
  page.on('request', (r) => requests.push(r.url()));
  await page.goto(url);
  // The style selector is filled from the server: the page is ready.
  await page.waitForFunction(() => document.querySelectorAll('#style option').length > 1);
  return { page, requests };
}

async function findingsShown(page) {
  return page.$$eval('.cl-finding', (items) => items.map((item) => ({
    rule: item.querySelector('.cl-rule').textContent,
    message: item.querySelector('.cl-msg').textContent,
  })));
}

function byRuleAndMessage(a, b) {
  return (a.rule + a.message).localeCompare(b.rule + b.message);
}

test('the seed article: the CLI findings, marked, fixed as --fix fixes them', async () => {
  const { page, requests } = await openPage();
  const article = fs.readFileSync(SEED, 'utf8');
  const expected = JSON.parse(cli(['check', '--isolated', '--format', 'json', 'examples/kerry-lavrov.txt']))
    .files[0].findings;
  assert.equal(expected.length, 8);

  await page.fill('#draft', article);
  await page.waitForFunction(() => document.querySelectorAll('.cl-finding').length === 8);
  const shown = await findingsShown(page);
  assert.deepEqual(
    shown.slice().sort(byRuleAndMessage),
    expected.map((f) => ({ rule: f.rule, message: f.message })).sort(byRuleAndMessage),
  );
  assert.equal(await page.textContent('#count'), '8');
  // Grouped by family, in the README's order.
  assert.deepEqual(
    await page.$$eval('.cl-family', (hs) => hs.map((h) => h.firstChild.textContent.trim())),
    ['naming', 'terms', 'style'],
  );

  // Choosing a finding with the keyboard marks all its places.
  const variant = expected.find((f) => f.rule === 'naming.variant');
  const head = page.locator('.cl-finding', { hasText: variant.message }).locator('.cl-finding-head');
  await head.focus();
  await page.keyboard.press('Enter');
  assert.equal(await head.getAttribute('aria-pressed'), 'true');
  const current = await page.$$eval('#view mark.cl-current', (ms) => ms.map((m) => m.textContent));
  assert.deepEqual(current, [variant.related[0].text, variant.text]);
  assert.equal(await page.locator('#view mark.cl-primary', { hasText: variant.text }).count(), 1);
  await page.screenshot({ path: SCREENSHOT });

  // The drafted view shows every place of every finding.
  const places = new Set();
  for (const f of expected) {
    places.add(f.span.start + ':' + f.text);
    for (const r of f.related) places.add(r.span.start + ':' + r.text);
  }
  const marked = await page.$$eval('#view mark', (ms) => ms.map((m) => m.textContent));
  for (const place of places) {
    assert.ok(marked.includes(place.split(':').slice(1).join(':')), 'not marked: ' + place);
  }

  // Apply all safe fixes: the text `claimlint check --fix` writes.
  const fixed = cli(['check', '--isolated', '--fix', '-'], article);
  await page.click('#fix-all');
  await page.waitForFunction(() => /Applied the safe fixes/.test(document.querySelector('#status').textContent));
  assert.equal(await page.inputValue('#draft'), fixed);
  const remaining = JSON.parse(cli(['check', '--isolated', '--format', 'json', '-'], fixed)).files[0].findings;
  assert.deepEqual(
    (await findingsShown(page)).sort(byRuleAndMessage),
    remaining.map((f) => ({ rule: f.rule, message: f.message })).sort(byRuleAndMessage),
  );

  // Nothing but the page's own assets and API was asked for.
  for (const r of requests) assert.ok(r.startsWith(url), 'request outside the server: ' + r);
  await page.close();
});

test('emoji and curly quotes: marks and fixes fall on the right characters', async () => {
  const { page } = await openPage();
  const draft = '😀 “The cease-fire held,” said Ana 👩🏽‍💻 in Kiev.\nThe ceasefire broke — in Kiev’s east.\n';
  await page.fill('#draft', draft);
  await page.waitForFunction(() => document.querySelectorAll('.cl-finding').length === 2);
  const marked = await page.$$eval('#view mark', (ms) => ms.map((m) => m.textContent));
  assert.deepEqual(marked, ['cease-fire', 'Kiev', 'ceasefire', 'Kiev']);
  // The diff shows each line the fix changes, before and after.
  const style = page.locator('.cl-finding', { hasText: 'Kyiv' });
  assert.equal(
    await style.locator('.cl-diff').textContent(),
    '- 1 │ 😀 “The cease-fire held,” said Ana 👩🏽‍💻 in Kiev.\n' +
    '+ 1 │ 😀 “The cease-fire held,” said Ana 👩🏽‍💻 in Kyiv.\n' +
    '- 2 │ The ceasefire broke — in Kiev’s east.\n' +
    '+ 2 │ The ceasefire broke — in Kyiv’s east.\n',
  );
  // Apply that one fix: Kiev becomes Kyiv in both places, nothing else changes.
  await style.locator('.cl-apply').click();
  await page.waitForFunction(() => document.querySelectorAll('.cl-finding').length === 1);
  assert.equal(
    await page.inputValue('#draft'),
    '😀 “The cease-fire held,” said Ana 👩🏽‍💻 in Kyiv.\nThe ceasefire broke — in Kyiv’s east.\n',
  );
  assert.deepEqual(
    await page.$$eval('#view mark', (ms) => ms.map((m) => m.textContent)),
    ['cease-fire', 'ceasefire'],
  );
  await page.close();
});

test('the HTML report (--format html) shows the same findings with no network', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'claimlint-report-'));
  const file = path.join(dir, 'report.html');
  fs.writeFileSync(file, cli(['check', '--isolated', '--format', 'html', 'examples/kerry-lavrov.txt']));
  const expected = JSON.parse(cli(['check', '--isolated', '--format', 'json', 'examples/kerry-lavrov.txt']))
    .files[0].findings;
  const page = await context.newPage();
  const requests = [];
  page.on('request', (r) => requests.push(r.url()));
  await page.goto('file://' + file);
  await page.waitForFunction(() => document.querySelectorAll('.cl-finding').length === 8);
  assert.deepEqual(
    (await findingsShown(page)).sort(byRuleAndMessage),
    expected.map((f) => ({ rule: f.rule, message: f.message })).sort(byRuleAndMessage),
  );
  assert.equal(await page.textContent('.cl-path'), 'examples/kerry-lavrov.txt 8 findings');
  // Read-only: no buttons to apply anything.
  assert.equal(await page.locator('.cl-apply').count(), 0);
  await page.locator('.cl-finding', { hasText: 'Kyiv' }).locator('.cl-finding-head').click();
  assert.deepEqual(await page.$$eval('mark.cl-current', (ms) => ms.map((m) => m.textContent)), ['Kiev']);
  assert.deepEqual(requests, ['file://' + file]);
  await page.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

test('a narrow window: one column, nothing wider than the window', async () => {
  const { page } = await openPage();
  await page.setViewportSize({ width: 400, height: 800 });
  await page.fill('#draft', fs.readFileSync(SEED, 'utf8'));
  await page.waitForFunction(() => document.querySelectorAll('.cl-finding').length === 8);
  const widths = await page.evaluate(() => ({
    page: document.documentElement.scrollWidth,
    window: window.innerWidth,
  }));
  assert.ok(widths.page <= widths.window, JSON.stringify(widths));
  await page.close();
});

test('undo: one level, back to the text exactly as it was before the last fix', async () => {
  const { page } = await openPage();
  const article = fs.readFileSync(SEED, 'utf8');
  await page.fill('#draft', article);
  await page.waitForFunction(() => document.querySelectorAll('.cl-finding').length === 8);
  assert.equal(await page.isDisabled('#undo'), true, 'nothing to undo yet');

  // After all the safe fixes.
  await page.click('#fix-all');
  await page.waitForFunction(() => /Applied the safe fixes/.test(document.querySelector('#status').textContent));
  assert.notEqual(await page.inputValue('#draft'), article);
  assert.equal(await page.isDisabled('#undo'), false);
  await page.click('#undo');
  await page.waitForFunction(() => /Undid the last fix/.test(document.querySelector('#status').textContent));
  assert.equal(await page.inputValue('#draft'), article);
  await page.waitForFunction(() => document.querySelectorAll('.cl-finding').length === 8);
  assert.equal(await page.isDisabled('#undo'), true, 'one level only');

  // After one fix, with the text of a fix before it kept out of it.
  const first = page.locator('.cl-finding', { hasText: 'Kyiv' });
  await first.locator('.cl-apply').click();
  await page.waitForFunction(() => /Applied: /.test(document.querySelector('#status').textContent));
  const once = await page.inputValue('#draft');
  assert.notEqual(once, article);
  const second = page.locator('.cl-finding .cl-apply').first();
  await second.click();
  await page.waitForFunction((t) => document.querySelector('#draft').value !== t &&
    /Applied: /.test(document.querySelector('#status').textContent), once);
  await page.click('#undo');
  await page.waitForFunction(() => /Undid the last fix/.test(document.querySelector('#status').textContent));
  assert.equal(await page.inputValue('#draft'), once, 'the text before the last fix, not the first');
  assert.equal(await page.isDisabled('#undo'), true);

  // Typing after a fix: undoing would lose the typing, so it is gone.
  await page.locator('.cl-finding .cl-apply').first().click();
  await page.waitForFunction(() => !document.querySelector('#undo').disabled);
  await page.focus('#draft');
  await page.keyboard.press('End');
  await page.keyboard.type(' More.');
  assert.equal(await page.isDisabled('#undo'), true);
  await page.close();
});

test('a phone and a narrow side panel: compact, no sideways scrolling, the findings scroll', async () => {
  for (const [width, height] of [[375, 667], [320, 900], [375, 812]]) {
    const { page } = await openPage();
    await page.setViewportSize({ width, height });
    await page.fill('#draft', fs.readFileSync(SEED, 'utf8'));
    await page.waitForFunction(() => document.querySelectorAll('.cl-finding').length === 8);
    const size = await page.evaluate(() => {
      const root = document.documentElement;
      const outside = [];
      for (const el of document.querySelectorAll('body *')) {
        const box = el.getBoundingClientRect();
        if (box.width > 0 && (box.right > root.clientWidth + 0.5 || box.left < -0.5)) {
          outside.push(el.tagName + (el.id ? '#' + el.id : '') + '.' + el.className + ' ' + box.left + '..' + box.right);
        }
      }
      const side = document.querySelector('.cl-side');
      return {
        height: root.scrollHeight,
        viewport: window.innerHeight,
        scrollWidth: root.scrollWidth,
        clientWidth: root.clientWidth,
        bodyScrollWidth: document.body.scrollWidth,
        outside,
        sideScrolls: side.scrollHeight > side.clientHeight && getComputedStyle(side).overflowY === 'auto',
      };
    });
    const where = `${width}x${height}: ${JSON.stringify(size)}`;
    assert.ok(size.height <= 2.5 * size.viewport, 'too tall at ' + where);
    assert.ok(size.scrollWidth <= size.clientWidth, 'sideways scrolling at ' + where);
    assert.ok(size.bodyScrollWidth <= size.clientWidth, 'sideways scrolling at ' + where);
    assert.deepEqual(size.outside, [], 'wider than the window at ' + where);
    assert.ok(size.sideScrolls, 'the findings list does not scroll at ' + where);
    // Each part is still there and usable: the draft, the fixes, the findings.
    for (const selector of ['#draft', '#fix-all', '#undo', '#view', '#findings-heading']) {
      assert.ok(await page.isVisible(selector), selector + ' at ' + where);
    }
    await page.close();
  }
});

test('snippets in the findings list are cut between words, with an ellipsis', async () => {
  const { page } = await openPage();
  const article = fs.readFileSync(SEED, 'utf8');
  // Lines long enough to be cut, with the cut falling in a long token, in
  // emoji and in words around the fixes.
  const draft = article +
    'Supercalifragilisticexpialidociousnessesandmore words before the Kiev office of the ministry said a ' +
    'statement would follow later that day.\n' +
    '😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀 near Kiev ' +
    '😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀\n';
  await page.fill('#draft', draft);
  await page.waitForFunction(() => !/Checking/.test(document.querySelector('#status').textContent) &&
    document.querySelectorAll('.cl-finding').length > 0);
  const rows = await page.$$eval('.cl-diff > span', (spans) => spans.map((s) => s.textContent));
  assert.ok(rows.length > 0);
  const isSpace = (c) => /\s/.test(c);
  const lines = draft.split('\n');
  let cuts = 0;
  for (const row of rows) {
    const m = row.match(/^([-+]) (\d+) │ (…?)([\s\S]*?)(…?)\n$/);
    assert.ok(m, 'a diff row: ' + JSON.stringify(row));
    const [, sign, lineNo, head, content, tail] = m;
    assert.ok(content.length > 0, row);
    if (head) {
      assert.ok(!isSpace(content[0]), 'a space after the ellipsis: ' + JSON.stringify(row));
      assert.ok(!/[\udc00-\udfff]/.test(content[0]), 'half a character: ' + JSON.stringify(row));
    }
    if (tail) {
      assert.ok(!isSpace(content[content.length - 1]), 'a space before the ellipsis: ' + JSON.stringify(row));
      assert.ok(!/[\ud800-\udbff]/.test(content[content.length - 1]), 'half a character: ' + JSON.stringify(row));
    }
    if (sign !== '-') continue;
    // The old text is a piece of its line, starting and ending at a word
    // boundary: the line's ends, or a space beside the cut.
    const line = lines[Number(lineNo) - 1];
    const at = [];
    for (let i = line.indexOf(content); i >= 0; i = line.indexOf(content, i + 1)) at.push(i);
    assert.ok(at.length > 0, 'not in line ' + lineNo + ': ' + JSON.stringify(row));
    const fits = at.some((i) => {
      const end = i + content.length;
      const startOk = head ? i > 0 && isSpace(line[i - 1]) : i === 0;
      const endOk = tail ? end < line.length && isSpace(line[end]) : end === line.length;
      return startOk && endOk;
    });
    assert.ok(fits, 'cut inside a word: ' + JSON.stringify(row));
    if (head || tail) cuts++;
  }
  assert.ok(cuts >= 3, 'long lines are cut: ' + cuts);
  await page.close();
});

test('timing: keystroke to highlighted findings on a 5,000-word draft', async () => {
  const { page } = await openPage();
  const article = fs.readFileSync(SEED, 'utf8');
  const words = article.split(/\s+/).filter(Boolean).length;
  const copies = Math.ceil(5000 / words);
  const draft = Array(copies).fill(article).join('\n');
  const total = draft.split(/\s+/).filter(Boolean).length;
  await page.fill('#draft', draft);
  await page.waitForFunction(() => !/Checking/.test(document.querySelector('#status').textContent) &&
    document.querySelectorAll('.cl-finding').length > 0);
  await page.focus('#draft');
  await page.keyboard.press('End');
  const times = [];
  for (let i = 0; i < 5; i++) {
    const before = await page.evaluate(() => window.claimlintTimings.length);
    await page.keyboard.type(i % 2 ? 'x' : ' ');
    await page.waitForFunction((n) => window.claimlintTimings.length > n, before);
    times.push(await page.evaluate(() => window.claimlintTimings[window.claimlintTimings.length - 1]));
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)];
  console.log(`keystroke to highlighted findings, ${total}-word draft: median ${median.toFixed(0)} ms ` +
    `(of ${times.map((t) => t.toFixed(0)).join(', ')} ms; includes the 250 ms debounce)`);
  assert.ok(median > 0);
  await page.close();
});

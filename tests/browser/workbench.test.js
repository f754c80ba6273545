// The consultant's workbench in a real browser: Debian's chromium driven by puppeteer-core
// against `placematch serve` on a copy of the Sønderborg sample. Opens the plan, filters it,
// opens an opening, agrees its cheapest suggestion not yet in the plan, sees the changes,
// undoes, agrees again, saves and finds the pin in decisions.csv; then checks that a
// request without the token, one with a foreign Host and a cross-origin form post are
// each refused; asks the what-if page (computed in the background) and reads its answer;
// opens the report framed and alone; fetches the downloads (Excel CSV, workbook, CSV,
// report) with the token and checks their names and kinds; and opens the plan, what-if and
// report pages of a second server started with --lang da. Screenshots of every page go to
// OUT_DIR (test artefacts).
//
// Usage: node workbench.test.js PLACEMATCH_EXE SAMPLE_DIR OUT_DIR
'use strict';
const { spawn } = require('child_process');
const fs = require('fs');
const http = require('http');
const os = require('os');
const path = require('path');
const puppeteer = require('puppeteer-core');

const [exe, sample, outDir] = process.argv.slice(2);
if (!exe || !sample || !outDir) {
  console.error('usage: node workbench.test.js PLACEMATCH_EXE SAMPLE_DIR OUT_DIR');
  process.exit(2);
}
fs.mkdirSync(outDir, { recursive: true });

let failures = 0;
function check(cond, what) {
  if (cond) {
    console.log('ok   ' + what);
  } else {
    failures++;
    console.log('FAIL ' + what);
  }
}

// A raw request with full control of the headers (node's http client sends what it is told).
function request(port, method, pathAndQuery, headers, body) {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method, path: pathAndQuery, headers }, (res) => {
      let data = '';
      res.on('data', (d) => (data += d));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: data }));
    });
    req.on('error', reject);
    if (body) req.write(body);
    req.end();
  });
}

// Starts `placematch serve` and resolves with the process and the address it printed.
function startServe(args) {
  const proc = spawn(exe, ['serve', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  proc.stderr.on('data', (d) => (err += d));
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error('no address printed: ' + out + err)), 30000);
    proc.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/(http:\/\/127\.0\.0\.1:(\d+)\/\?token=([0-9a-f]{64}))/);
      if (m) {
        clearTimeout(timer);
        resolve({ proc, url: m[1], port: Number(m[2]), token: m[3] });
      }
    });
    proc.on('exit', (code) => reject(new Error('serve exited with ' + code + ': ' + err)));
  });
}

async function main() {
  // The sample in a scratch folder: saving writes decisions.csv there.
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'placematch_browser_'));
  for (const f of fs.readdirSync(sample)) if (f.endsWith('.csv')) fs.copyFileSync(path.join(sample, f), path.join(work, f));
  const originalDecisions = fs.readFileSync(path.join(work, 'decisions.csv'), 'utf8');

  const server = spawn(exe, ['serve', work, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  server.stderr.on('data', (d) => (log += d));
  const url = await new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error('no address printed: ' + out + log)), 30000);
    server.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/(http:\/\/127\.0\.0\.1:(\d+)\/\?token=([0-9a-f]{64}))/);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    server.on('exit', (code) => reject(new Error('serve exited with ' + code + ': ' + log)));
  });
  const u = new URL(url);
  const port = Number(u.port);
  const token = u.searchParams.get('token');
  const origin = `http://127.0.0.1:${port}`;
  console.log('serving on ' + origin);

  const userData = fs.mkdtempSync(path.join(os.tmpdir(), 'placematch_chromium_'));
  const browser = await puppeteer.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
           '--disable-background-networking', '--disable-component-update', '--disable-sync',
           `--user-data-dir=${userData}`],
  });
  try {
    const page = await browser.newPage();
    await page.setViewport({ width: 1280, height: 900 });
    const shot = (name) => page.screenshot({ path: path.join(outDir, name + '.png'), fullPage: true });

    // The plan, and the result JSON as the independent account of it.
    const planJson = JSON.parse((await request(port, 'GET', `/download/plan.json?token=${token}`,
                                               { Host: `127.0.0.1:${port}` })).body);
    let res = await page.goto(url, { waitUntil: 'load' });
    check(res.status() === 200, 'the plan page opens with the printed address');
    const placed = await page.$eval('#placed', (e) => e.textContent.trim());
    check(placed === String(planJson.objective.placed), `the page shows ${planJson.objective.placed} placed (as the JSON)`);
    const rows = await page.$$eval('#placements tbody tr', (trs) => trs.length);
    check(rows === planJson.placements.length, `every placement listed (${rows})`);
    const pinned = await page.$$eval('#placements tbody tr.pinned', (trs) => trs.map((t) => t.dataset.citizen));
    const jsonPinned = planJson.placements.filter((p) => p.pinned).map((p) => p.citizen);
    if (jsonPinned.length > 0) check(JSON.stringify(pinned) === JSON.stringify(jsonPinned), 'pinned placements marked');
    else check(pinned.length > 0, 'pinned placements marked');
    await shot('01-plan');

    // Filter by a company: the script submits the form on change.
    const company = planJson.placements[0].company;
    await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.select('select[name=company]', company)]);
    const shownOpenings = await page.$$eval('#placements tbody tr', (trs) => trs.map((t) => t.dataset.opening));
    const expected = planJson.placements.filter((p) => p.company === company).map((p) => p.opening);
    check(shownOpenings.length === expected.length && shownOpenings.every((o, i) => o === expected[i]),
          `filter by company ${company}: ${shownOpenings.length} placements, all of it`);
    await shot('02-plan-filtered');

    // An opening: its cheapest suggestion that is not in the plan yet.
    const opening = planJson.placements[0].opening;
    await Promise.all([page.waitForNavigation({ waitUntil: 'load' }),
                       page.click(`#placements tbody tr[data-opening="${opening}"] td:nth-child(4) a`)]);
    check(page.url().includes(`/opening/${opening}?`), `opened opening ${opening}`);
    await shot('03-opening');
    // The cheapest suggestion not in the plan yet (the list is sorted by cost, contract section 8).
    const citizen = await page.$eval('#candidates tbody tr[data-in-plan=false][data-possible=true]', (tr) => tr.dataset.citizen);
    const agree = async () => {
      await Promise.all([page.waitForNavigation({ waitUntil: 'load' }),
                         page.click(`#candidates tbody tr[data-citizen="${citizen}"] button[data-action=agree]`)]);
    };
    await agree();
    check(page.url().includes('/changes?'), `agreeing ${citizen} at ${opening} shows the changes`);
    const change = await page.$$eval('#last-changes tbody tr', (trs) => trs.map((t) => [t.dataset.citizen, t.dataset.change]));
    check(change.some(([c]) => c === citizen), `the changes list ${citizen} (${JSON.stringify(change)})`);
    const decisionRow = await page.$(`#decisions tr[data-citizen="${citizen}"][data-opening="${opening}"][data-decision=pin]`);
    check(decisionRow !== null, 'the pin is among the decisions');
    check((await page.$eval('#unsaved', (e) => e.className)).includes('warn'), 'marked unsaved');
    check(fs.readFileSync(path.join(work, 'decisions.csv'), 'utf8') === originalDecisions, 'nothing written before save');
    await shot('04-changes-after-agree');

    // Undo: the pin is taken back and the plan re-planned against the current one.
    await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.click('button[data-action=undo]')]);
    check((await page.$('#last-changes')) !== null, 'undo shows what it changed');
    check((await page.$(`#decisions tr[data-citizen="${citizen}"][data-opening="${opening}"]`)) === null, 'the pin is gone after undo');
    await shot('05-changes-after-undo');

    // Agree again, save, find the pin in decisions.csv (and the old file kept).
    await page.goto(`${origin}/opening/${opening}?token=${token}`, { waitUntil: 'load' });
    await agree();
    await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.click('button[data-action=save]')]);
    const saved = fs.readFileSync(path.join(work, 'decisions.csv'), 'utf8');
    check(saved.split(/\r?\n/).includes(`${citizen},${opening},pin,`), `decisions.csv holds ${citizen},${opening},pin`);
    check(fs.readFileSync(path.join(work, 'decisions.csv.previous'), 'utf8') === originalDecisions, 'decisions.csv.previous is the old file');
    check(!(await page.$eval('#unsaved', (e) => e.className)).includes('warn'), 'marked saved');
    await shot('06-saved');

    // The other pages.
    await page.goto(`${origin}/resident/${citizen}?token=${token}`, { waitUntil: 'load' });
    check((await page.$eval('#placed', (e) => e.textContent)).includes(opening), `resident ${citizen} is placed at ${opening}`);
    await shot('07-resident');
    const unplaced = planJson.unplaced.length ? planJson.unplaced[0].citizen : null;
    if (unplaced) {
      await page.goto(`${origin}/resident/${unplaced}?token=${token}`, { waitUntil: 'load' });
      await shot('08-resident-unplaced');
    }
    await page.goto(`${origin}/empty?token=${token}`, { waitUntil: 'load' });
    await shot('09-empty-seats');
    await page.goto(`${origin}/downloads?token=${token}`, { waitUntil: 'load' });
    await shot('10-downloads');

    // Refusals. Without the token:
    res = await page.goto(`${origin}/`, { waitUntil: 'load' });
    check(res.status() === 403, 'a page without the token: 403');
    // A foreign Host (DNS rebinding), even with the token:
    const rebinding = await request(port, 'GET', `/?token=${token}`, { Host: `evil.example:${port}` });
    check(rebinding.status === 403, 'a foreign Host: 403');
    // A cross-origin form post from a page of another origin (given the token, even):
    const before = fs.readFileSync(path.join(work, 'decisions.csv'), 'utf8');
    const decisionsBefore = (await request(port, 'GET', `/api/status?token=${token}`, { Host: `127.0.0.1:${port}` })).body;
    const evil = http.createServer((req, resp) => {
      resp.setHeader('Content-Type', 'text/html');
      resp.end(`<!doctype html><form id=f method=post action="${origin}/rule-out">
        <input name=token value="${token}"><input name=citizen value="${citizen}"><input name=opening value="${opening}">
        </form><script>document.getElementById('f').submit()</script>`);
    });
    await new Promise((r) => evil.listen(0, '127.0.0.1', r));
    const evilPort = evil.address().port;
    const crossResponse = new Promise((resolve) => {
      page.on('response', (r) => { if (r.url().startsWith(`${origin}/rule-out`)) resolve(r.status()); });
    });
    await page.goto(`http://localhost:${evilPort}/`, { waitUntil: 'load' });
    const crossStatus = await Promise.race([crossResponse, new Promise((r) => setTimeout(() => r('none'), 10000))]);
    check(crossStatus === 403, `a cross-origin POST: ${crossStatus}`);
    const decisionsAfter = (await request(port, 'GET', `/api/status?token=${token}`, { Host: `127.0.0.1:${port}` })).body;
    check(decisionsAfter === decisionsBefore, 'the cross-origin POST changed nothing');
    check(fs.readFileSync(path.join(work, 'decisions.csv'), 'utf8') === before, 'decisions.csv untouched by it');
    await shot('11-cross-origin-refused');
    evil.close();

    // What it would take: asked with the form, computed in the background (the page
    // refreshes itself); the answer is there once the address answers without Refresh.
    await page.goto(`${origin}/whatif?token=${token}`, { waitUntil: 'load' });
    check((await page.$('#whatif-form')) !== null && (await page.$('#whatif-answer')) === null,
          'the what-if page shows its form and computes nothing unasked');
    await page.$eval('#whatif-form input[name=seats]', (e) => { e.value = '2'; });
    const budgetField = await page.$('#whatif-form input[name=budget]');
    if (budgetField) await page.$eval('#whatif-form input[name=budget]', (e) => { e.value = '20000'; });
    await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.click('#whatif-form button[data-action=whatif]')]);
    const asked = new URL(page.url());
    check(asked.pathname === '/whatif' && asked.searchParams.get('run') === '1', 'the form asks for the answer');
    let answered = null;
    for (let i = 0; i < 600 && !answered; i++) {  // ctest's timeout bounds it
      const r = await request(port, 'GET', asked.pathname + asked.search, { Host: `127.0.0.1:${port}` });
      if (r.status === 200 && !r.headers['refresh']) answered = r;
      else await new Promise((res) => setTimeout(res, 500));
    }
    check(answered !== null, 'the what-if answer arrives');
    await page.goto(page.url(), { waitUntil: 'load' });
    const seatRows = await page.$$eval('#wi-steps tbody tr', (trs) => trs.length);
    check(seatRows === 2, `two seat steps shown (${seatRows})`);
    check((await page.$('#wi-ceiling')) !== null && (await page.$('#wi-today')) !== null, 'today and the ceiling shown');
    check((await page.$('#wi-course-bound')) !== null || (await page.$('#wi-no-courses')) !== null, 'the courses part shown');
    await shot('12-whatif');

    // The report inside the workbench (framed), and alone.
    await page.goto(`${origin}/report?token=${token}`, { waitUntil: 'load' });
    const frameHandle = await page.$('iframe#report');
    check(frameHandle !== null, 'the report page frames the report');
    const frame = frameHandle ? await frameHandle.contentFrame() : null;
    const figures = frame ? await frame.$$eval('[data-figure]', (es) => es.length) : 0;
    check(figures > 0, `the framed report shows its figures (${figures})`);
    await shot('13-report');
    res = await page.goto(`${origin}/report.html?token=${token}`, { waitUntil: 'load' });
    check(res.status() === 200 && (await page.$$('svg')).length > 0, 'the report alone, with its map');
    await shot('14-report-alone');

    // The downloads, fetched with the token: their names and kinds.
    for (const [file, type] of [['plan-excel.csv', 'text/csv'], ['plan.xlsx', 'application/vnd.openxmlformats'],
                                ['plan.csv', 'text/csv'], ['report.html', 'text/html']]) {
      const r = await request(port, 'GET', `/download/${file}?token=${token}`, { Host: `127.0.0.1:${port}` });
      check(r.status === 200 && (r.headers['content-type'] || '').startsWith(type) &&
            r.headers['content-disposition'] === `attachment; filename="${file}"`, `download ${file}: ${r.status} ${r.headers['content-type']}`);
      if (file === 'plan-excel.csv') check(r.body.startsWith('\uFEFF') && r.body.includes(';') && r.body.includes('\r\n'), 'the Excel CSV: BOM, semicolons, CRLF');
      if (file === 'plan.xlsx') check(r.body.startsWith('PK'), 'the workbook is a zip archive');
    }
    const noToken = await request(port, 'GET', '/download/plan.xlsx', { Host: `127.0.0.1:${port}` });
    check(noToken.status === 403, 'a download without the token: 403');

    // In Danish (--lang da): the plan, the what-if and the report pages.
    const da = await startServe([work, '--port', '0', '--lang', 'da', '--quiet']);
    try {
      await page.goto(da.url, { waitUntil: 'load' });
      check((await page.$eval('html', (e) => e.lang)) === 'da' && (await page.content()).includes('Aktiveringsgrad'),
            'the plan page in Danish');
      await shot('15-plan-da');
      await page.goto(`http://127.0.0.1:${da.port}/whatif?token=${da.token}`, { waitUntil: 'load' });
      check((await page.content()).includes('Hvad skal der til'), 'the what-if page in Danish');
      await shot('16-whatif-da');
      await page.goto(`http://127.0.0.1:${da.port}/report?token=${da.token}`, { waitUntil: 'load' });
      await shot('17-report-da');
    } finally {
      da.proc.kill('SIGTERM');
    }

    // The log names paths and statuses, never the token.
    check(!log.includes(token), 'the request log never holds the token');
  } finally {
    await browser.close();
    server.kill('SIGTERM');
    fs.rmSync(userData, { recursive: true, force: true });
    fs.rmSync(work, { recursive: true, force: true });
  }
  console.log(failures === 0 ? 'all browser checks passed' : `${failures} browser check(s) failed`);
  process.exit(failures === 0 ? 0 : 1);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});

// UI end-to-end tests: the extension in a real VS Code (code-server + headless Chromium),
// read the way a person sees it: decoration text on given lines, the hover (with its SVG
// image), Problems rows, CodeLens titles, the status bar; a screenshot of each scene in
// artifacts/. Skips cleanly (exit 0, with the reason) when code-server is not installed,
// unless REAL_VSCODE_REQUIRED=1.
//
//   npm run build && npx tsc -p test/tsconfig.json && node out/test/e2e/run.js [--grep text]
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as rv from '../realVscode/codeServer';

type Page = Awaited<ReturnType<typeof rv.launchBrowser>>['page'];

const REPO = rv.REPO_ROOT;
const FIXTURES = path.join(REPO, 'test', 'integration', 'workspace');

interface Scene {
  readonly name: string;
  readonly file: string;
  readonly settings?: object;
  run(page: Page): Promise<void>;
}

function assert(ok: unknown, message: string): asserts ok {
  if (!ok) throw new Error(message);
}

async function codeLensTitles(page: Page): Promise<string[]> {
  return page.evaluate(() => Array.from(document.querySelectorAll<HTMLElement>('.monaco-editor .codelens-decoration')).map((e) => e.innerText.replace(/\s+/g, ' ').trim()));
}

async function statusBarText(page: Page): Promise<string> {
  return page.evaluate(() => Array.from(document.querySelectorAll<HTMLElement>('.statusbar-item')).map((e) => e.innerText).join(' | '));
}

const decoAt = (ds: rv.DecorationText[], line: number) => ds.filter((d) => d.line === line).map((d) => d.text).join(' ');

const scenes: Scene[] = [
  {
    name: 'inline results, checks and errors',
    file: 'basics.md',
    async run(page) {
      const ds = await rv.waitForDecorations(page, (d) => d.some((x) => x.text.startsWith('→ 0.622459')) && d.some((x) => x.text.startsWith('⚠')), 30_000);
      assert(decoAt(ds, 6) === '→ 0.5', `line 6: ${decoAt(ds, 6)}`);
      assert(decoAt(ds, 7) === '→ 0.622459', `line 7: ${decoAt(ds, 7)}`);
      assert(decoAt(ds, 8) === '✓', `line 8: ${decoAt(ds, 8)}`);
      assert(decoAt(ds, 9).startsWith('✗ expected 0.6, got 0.622459'), `line 9: ${decoAt(ds, 9)}`);
      assert(decoAt(ds, 10) === '→ 138,357,544  (≈ 138.4 M)', `line 10: ${decoAt(ds, 10)}`);
      assert(decoAt(ds, 13).includes('Unknown name') && decoAt(ds, 13).includes('nosuch'), `line 13: ${decoAt(ds, 13)}`);
      assert(decoAt(ds, 16) === '→ 1.24492', `inline span line 16: ${decoAt(ds, 16)}`);
      assert(!ds.some((d) => d.text.includes('[object')), 'no [object Object]');
      const status = await statusBarText(page);
      assert(/dl-calc ✓ 1 ✗ 1 ⚠ 1/.test(status), `status bar: ${status}`);
      await rv.screenshot(page, 'e2e-inline-results');
    },
  },
  {
    name: 'CodeLens titles above blocks',
    file: 'basics.md',
    async run(page) {
      await rv.waitForDecorations(page, '→ 0.622459', 30_000);
      let titles: string[] = [];
      for (let i = 0; i < 40 && !titles.some((t) => t.includes('values')); i++) {
        titles = await codeLensTitles(page);
        await new Promise((r) => setTimeout(r, 250));
      }
      const joined = titles.join(' || ');
      assert(joined.includes('5 values · ✓ 1 · ✗ 1 · ⚠ 1 error'), `first block lens: ${joined}`);
      assert(joined.includes('Record results') && joined.includes('Copy derivations'), `actions: ${joined}`);
      assert(joined.includes('4 values · ✓ 0 · ✗ 0'), `second block lens: ${joined}`);
      await rv.screenshot(page, 'e2e-codelens');
    },
  },
  {
    name: 'hover shows the derivation as an SVG image, the dependencies and a link',
    file: 'basics.md',
    async run(page) {
      await rv.waitForDecorations(page, '→ 0.622459', 30_000);
      const hover = await rv.hoverAt(page, 'a1 = s', { timeoutMs: 15_000 });
      // The statement hover needs the worker's MathJax the first time: wait for the image.
      let html = hover.html;
      let text = hover.text;
      for (let i = 0; i < 30 && !html.includes('data:image/svg+xml'); i++) {
        await new Promise((r) => setTimeout(r, 300));
        ({ html, text } = await page.evaluate(() => {
          const parts = Array.from(document.querySelectorAll<HTMLElement>('.monaco-hover-content')).filter((e) => e.offsetParent !== null);
          return { text: parts.map((p) => p.innerText).join('\n'), html: parts.map((p) => p.innerHTML).join('\n') };
        }));
      }
      assert(html.includes('<img') && html.includes('data:image/svg+xml;base64,'), `hover has no SVG image: ${html.slice(0, 500)}`);
      const size = await page.evaluate(() => {
        const img = Array.from(document.querySelectorAll<HTMLImageElement>('.monaco-hover-content img')).find((i) => i.offsetParent !== null);
        return img ? { w: img.naturalWidth, h: img.naturalHeight, complete: img.complete } : undefined;
      });
      assert(size && size.complete && size.w > 20 && size.h > 10, `hover image did not load: ${JSON.stringify(size)}`);
      assert(text.includes('Depends on') && text.includes('z1') && text.includes('line 6'), `hover text: ${text}`);
      assert(text.includes('Show derivation'), `hover link: ${text}`);
      await rv.screenshot(page, 'e2e-hover-derivation');
    },
  },
  {
    name: 'hover on a library function shows its signature and definition',
    file: 'basics.md',
    async run(page) {
      await rv.waitForDecorations(page, '→ 0.622459', 30_000);
      const hover = await rv.hoverAt(page, 'sigm', { timeoutMs: 15_000 });
      assert(hover.text.includes('sigmoid(x)'), `function hover: ${hover.text}`);
      await rv.screenshot(page, 'e2e-hover-function');
    },
  },
  {
    name: 'Problems lists errors and failed checks with source dl-calc',
    file: 'basics.md',
    async run(page) {
      await rv.waitForDecorations(page, '→ 0.622459', 30_000);
      const rows = await rv.readProblems(page);
      const markers = rows.filter((r) => !r.isFile && r.severity);
      const labels = markers.map((r) => `${r.severity}: ${r.ariaLabel || r.text}`).join('\n');
      assert(markers.some((r) => /Unknown name/.test(r.text) && /dl-calc/.test(r.text + r.ariaLabel)), `problems: ${labels}`);
      assert(markers.some((r) => /expected 0\.6, got 0\.622459/.test(r.text)), `failed check in problems: ${labels}`);
      await rv.screenshot(page, 'e2e-problems');
    },
  },
  {
    name: 'a runaway block reports the time limit and the editor stays responsive',
    file: 'runaway.md',
    settings: { 'dlCalc.timeLimit': 1500 },
    async run(page) {
      const ds = await rv.waitForDecorations(page, (d) => d.some((x) => /time limit/.test(x.text)), 60_000);
      assert(decoAt(ds, 4) === '→ 2', `line 4: ${decoAt(ds, 4)}`);
      assert(/time limit/.test(decoAt(ds, 5)), `line 5: ${decoAt(ds, 5)}`);
      // Type on a later line: its new value shows, so the host answered.
      await page.locator('.editor-instance .monaco-editor .view-lines').first().click();
      // Into the block: the end of line 6 (`b = a * 3`), above the closing fence.
      await page.keyboard.press('Control+End');
      await page.keyboard.press('ArrowUp');
      await page.keyboard.press('ArrowUp');
      await page.keyboard.press('End');
      await page.keyboard.type('\nr = 40 + 2');
      await rv.waitForDecorations(page, '→ 42', 20_000);
      await rv.screenshot(page, 'e2e-runaway');
    },
  },
];

/** Runs the scenes (those whose name contains `grep`); resolves with the exit code. */
export async function runE2E(grep?: string): Promise<number> {
  if (!rv.isRealVscodeAvailable()) {
    console.log(`[e2e] 0 tests ran: skipped (${rv.realVscodeUnavailableReason()})`);
    return process.env.REAL_VSCODE_REQUIRED === '1' ? 1 : 0;
  }
  // A scratch copy of the fixtures: the runaway scene types into its note.
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'dl-calc-e2e-'));
  const selected = scenes.filter((s) => !grep || s.name.includes(grep));
  let passed = 0;
  const failures: string[] = [];
  const t0 = Date.now();
  for (const scene of selected) {
    for (const f of fs.readdirSync(FIXTURES)) fs.copyFileSync(path.join(FIXTURES, f), path.join(workspace, f));
    const started = Date.now();
    const server = await rv.startCodeServer({ workspace, settings: { 'editor.codeLens': true, ...scene.settings } });
    const browser = await rv.launchBrowser();
    try {
      await browser.page.goto(rv.workbenchUrl(server, { folder: workspace, extensionDevelopmentPath: REPO, openFile: scene.file }));
      await rv.waitForEditor(browser.page);
      await scene.run(browser.page);
      passed++;
      console.log(`  ✓ ${scene.name} (${Date.now() - started} ms)`);
    } catch (e) {
      failures.push(scene.name);
      console.log(`  ✗ ${scene.name}\n      ${e instanceof Error ? e.message : String(e)}`);
      await rv.screenshot(browser.page, `e2e-FAILED-${scene.name}`).catch(() => undefined);
    } finally {
      await browser.close();
      await server.stop();
    }
  }
  fs.rmSync(workspace, { recursive: true, force: true });
  console.log(`[e2e] ${selected.length} tests ran: ${passed} passed, ${failures.length} failed (${((Date.now() - t0) / 1000).toFixed(1)} s); screenshots in ${rv.ARTIFACTS_DIR}`);
  return failures.length ? 1 : 0;
}

if (require.main === module) {
  const grep = process.argv.includes('--grep') ? process.argv[process.argv.indexOf('--grep') + 1] : undefined;
  runE2E(grep).then(
    (code) => process.exit(code),
    (e) => {
      console.error(e);
      process.exit(1);
    },
  );
}

/**
 * Run the extension inside a REAL VS Code, headless: code-server (VS Code's server + web
 * workbench, installed by scripts/real-vscode/install.sh into .cache/code-server/) driven from
 * Debian's Chromium with playwright-core. See test/realVscode/README.md and
 * /work/shared/recipes/real-vscode.md.
 *
 * Two uses:
 *  - integration tests: `runIntegrationTests()` — the @vscode/test-electron contract
 *    (extensionTestsPath module exporting `run()`), exit code from `codeAutomationExit`;
 *  - E2E tests: `startCodeServer()` + `launchBrowser()` + `page.goto(workbenchUrl(...))`, then
 *    `readDecorations`, `hoverAt`, `openFile`, `readProblems`, `screenshot`.
 */
import { spawn, ChildProcess, execFileSync } from 'child_process';
import * as fs from 'fs';
import * as http from 'http';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';
import type { Browser, BrowserContext, Page } from 'playwright-core';

// ---------------------------------------------------------------------------------------------
// Locations
// ---------------------------------------------------------------------------------------------

/** Repository root: first ancestor of this file (src: test/realVscode, built: out/test/realVscode) with a package.json. */
function findRepoRoot(): string {
  let dir = __dirname;
  for (;;) {
    if (fs.existsSync(path.join(dir, 'package.json')) && !dir.split(path.sep).includes('node_modules')) return dir;
    const up = path.dirname(dir);
    if (up === dir) return process.cwd();
    dir = up;
  }
}

export const REPO_ROOT = findRepoRoot();
/** Where install.sh puts code-server (override with REAL_VSCODE_CODE_SERVER_DIR). */
export const CODE_SERVER_DIR = process.env.REAL_VSCODE_CODE_SERVER_DIR || path.join(REPO_ROOT, '.cache', 'code-server');
export const CODE_SERVER_VERSION = '4.100.3';
const CODE_SERVER_ENTRY = path.join(CODE_SERVER_DIR, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
const INSTALL_MARKER = path.join(CODE_SERVER_DIR, `.installed-${CODE_SERVER_VERSION}`);
/** Chromium binary (override with REAL_VSCODE_CHROMIUM). */
export const CHROMIUM_PATH = process.env.REAL_VSCODE_CHROMIUM || '/usr/bin/chromium';
export const ARTIFACTS_DIR = path.join(REPO_ROOT, 'artifacts');
const RUNS_DIR = path.join(REPO_ROOT, '.cache', 'real-vscode-runs');

// ---------------------------------------------------------------------------------------------
// Availability
// ---------------------------------------------------------------------------------------------

/** Why the real-VS-Code route cannot run here, or undefined when it can. */
export function realVscodeUnavailableReason(): string | undefined {
  if (!fs.existsSync(INSTALL_MARKER) || !fs.existsSync(CODE_SERVER_ENTRY)) {
    return `code-server@${CODE_SERVER_VERSION} is not installed in ${CODE_SERVER_DIR} (run scripts/real-vscode/install.sh)`;
  }
  if (!fs.existsSync(CHROMIUM_PATH)) return `Chromium not found at ${CHROMIUM_PATH} (run scripts/real-vscode/install.sh)`;
  try {
    require.resolve('playwright-core');
  } catch {
    return 'playwright-core is not installed (devDependency; run npm install)';
  }
  return undefined;
}

let reasonPrinted = false;
/**
 * True when code-server is installed in the cache and Chromium exists. When false it prints
 * (once per process) why, so skipping tests say so: `if (!isRealVscodeAvailable()) this.skip();`
 */
export function isRealVscodeAvailable(): boolean {
  const reason = realVscodeUnavailableReason();
  if (reason && !reasonPrinted) {
    reasonPrinted = true;
    console.log(`[real-vscode] SKIPPING real VS Code tests: ${reason}`);
  }
  return !reason;
}

// ---------------------------------------------------------------------------------------------
// code-server
// ---------------------------------------------------------------------------------------------

/** The recipe's settings: no welcome page / tips / telemetry / updates stealing focus. */
export const DEFAULT_SETTINGS: Readonly<Record<string, unknown>> = Object.freeze({
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoUpdate': false,
  'editor.hover.delay': 200,
  'window.restoreWindows': 'none',
  'chat.disableAIFeatures': true,
});

export interface CodeServer {
  port: number;
  /** http://127.0.0.1:PORT */
  url: string;
  /** Folder of this run: home/, tmp/, xdg/, ud/ (user data), exts/, server.log */
  runDir: string;
  /** Kills the server's whole process group (SIGTERM, then SIGKILL). Idempotent. */
  stop(): Promise<void>;
}

export interface StartCodeServerOptions {
  /** Folder the tests work in (must exist; passed on to workbenchUrl by the caller). */
  workspace: string;
  /** Merged over DEFAULT_SETTINGS into ud/User/settings.json. */
  settings?: object;
  /** Run folder; default .cache/real-vscode-runs/<time>-<pid>-<n>. Created if missing. */
  runDir?: string;
  /** Hard bound on the server's life (enforced by coreutils `timeout` too). Default 15 min. */
  lifetimeMs?: number;
  /** How long to wait for /healthz. Default 60 s. */
  startTimeoutMs?: number;
  /**
   * VS Code's display language (code-server's `locale`), e.g. "zh-cn". No language pack can be
   * downloaded here, so an empty local one is seeded: VS Code then resolves the language (its
   * own UI stays English, having no translations) and extensions get their bundles for it.
   */
  locale?: string;
  /** Extra environment for the server and its extension host (e.g. DL_CALC_TEST_FIXED_DELAY). */
  env?: Record<string, string>;
  /**
   * Keep VS Code's Workspace Trust on (code-server runs without `--disable-workspace-trust`), so
   * a folder that is not trusted opens in restricted mode. Default false: trust is off and every
   * folder is trusted.
   */
  workspaceTrust?: boolean;
}

/** ud/languagepacks.json naming a pack with no translations, as VS Code's server reads it. */
function seedEmptyLanguagePack(userDataDir: string, locale: string): void {
  const translations = path.join(userDataDir, 'empty-language-pack', 'main.i18n.json');
  fs.mkdirSync(path.dirname(translations), { recursive: true });
  fs.writeFileSync(translations, JSON.stringify({ contents: {} }));
  const packs = { [locale]: { hash: `empty-${locale}`, label: locale, extensions: [{ extensionIdentifier: { id: 'local.empty-language-pack' }, version: '0.0.0' }], translations: { vscode: translations } } };
  fs.writeFileSync(path.join(userDataDir, 'languagepacks.json'), JSON.stringify(packs, null, 2));
}

/** Process groups of servers not stopped yet -> symlink to remove; killed if this process exits first. */
const liveGroups = new Map<number, string | undefined>();
process.on('exit', () => {
  for (const [pgid, link] of liveGroups) {
    try { process.kill(-pgid, 'SIGKILL'); } catch { /* gone */ }
    if (link) try { fs.rmSync(link, { force: true }); } catch { /* ignore */ }
  }
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

function httpStatus(url: string): Promise<number> {
  return new Promise((resolve) => {
    const req = http.get(url, { timeout: 2000 }, (res) => { res.resume(); resolve(res.statusCode ?? 0); });
    req.on('timeout', () => { req.destroy(); resolve(0); });
    req.on('error', () => resolve(0));
  });
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

let runCounter = 0;
/** Default run folders accumulate (~1 MB each): keep the 20 newest, and anything younger than an hour. */
function pruneRunDirs(): void {
  try {
    const names = fs.readdirSync(RUNS_DIR).sort();
    for (const name of names.slice(0, Math.max(0, names.length - 20))) {
      const dir = path.join(RUNS_DIR, name);
      if (Date.now() - fs.statSync(dir).mtimeMs > 3600_000) fs.rmSync(dir, { recursive: true, force: true });
    }
  } catch { /* nothing to prune */ }
}

function newRunDir(): string {
  pruneRunDirs();
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  return path.join(RUNS_DIR, `${stamp}-${process.pid}-${runCounter++}`);
}

function hasTimeoutBinary(): boolean {
  try { execFileSync('timeout', ['--version'], { stdio: 'ignore' }); return true; } catch { return false; }
}

export async function startCodeServer(opts: StartCodeServerOptions): Promise<CodeServer> {
  const reason = realVscodeUnavailableReason();
  if (reason) throw new Error(`[real-vscode] ${reason}`);
  if (!fs.existsSync(opts.workspace)) throw new Error(`[real-vscode] workspace does not exist: ${opts.workspace}`);

  const runDir = path.resolve(opts.runDir ?? newRunDir());
  const dirs = {
    home: path.join(runDir, 'home'),
    tmp: path.join(runDir, 'tmp'),
    xdg: path.join(runDir, 'xdg'),
    ud: path.join(runDir, 'ud'),
    exts: path.join(runDir, 'exts'),
  };
  for (const d of Object.values(dirs)) fs.mkdirSync(d, { recursive: true });
  fs.chmodSync(dirs.xdg, 0o700);
  fs.mkdirSync(path.join(dirs.ud, 'User'), { recursive: true });
  const settings = { ...DEFAULT_SETTINGS, ...(opts.settings ?? {}) };
  fs.writeFileSync(path.join(dirs.ud, 'User', 'settings.json'), JSON.stringify(settings, null, 2));

  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const lifetimeMs = opts.lifetimeMs ?? 15 * 60_000;

  // Clean environment: isolated HOME/TMPDIR/XDG_RUNTIME_DIR; drop variables of an enclosing VS Code.
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (/^(VSCODE_|ELECTRON_RUN_AS_NODE$|CODE_SERVER_|PASSWORD$|HASHED_PASSWORD$)/.test(k)) continue;
    env[k] = v;
  }
  // Unix socket paths are limited to 107 bytes and VS Code puts `vscode-ipc-<uuid>.sock` (52 chars) in
  // XDG_RUNTIME_DIR: with a deep run folder it gets truncated. Then point at it through a short symlink.
  let xdgEnv = dirs.xdg;
  let xdgLink: string | undefined;
  if (dirs.xdg.length > 50) {
    xdgLink = path.join(os.tmpdir(), `rvx-${process.pid}-${runCounter}-${port}`);
    fs.rmSync(xdgLink, { force: true });
    fs.symlinkSync(dirs.xdg, xdgLink);
    xdgEnv = xdgLink;
  }
  Object.assign(env, {
    HOME: dirs.home, TMPDIR: dirs.tmp, XDG_RUNTIME_DIR: xdgEnv,
    // No marketplace on a closed network: an empty gallery URL turns the gallery off (no open-vsx.org queries).
    EXTENSIONS_GALLERY: process.env.EXTENSIONS_GALLERY ?? '{"serviceUrl":""}',
    XDG_CONFIG_HOME: path.join(dirs.home, '.config'), XDG_DATA_HOME: path.join(dirs.home, '.local', 'share'),
    XDG_CACHE_HOME: path.join(dirs.home, '.cache'),
    ...opts.env,
  });

  const serverArgs = [
    CODE_SERVER_ENTRY,
    '--bind-addr', `127.0.0.1:${port}`,
    '--auth', 'none',
    '--disable-telemetry',
    '--disable-update-check',
    ...(opts.workspaceTrust ? [] : ['--disable-workspace-trust']),
    '--disable-getting-started-override',
    '--ignore-last-opened',
    '--config', path.join(dirs.home, 'code-server.yaml'),
    '--user-data-dir', dirs.ud,
    '--extensions-dir', dirs.exts,
  ];
  fs.writeFileSync(path.join(dirs.home, 'code-server.yaml'), `auth: none\ncert: false\n${opts.locale ? `locale: ${opts.locale}\n` : ''}`);
  if (opts.locale) seedEmptyLanguagePack(dirs.ud, opts.locale);
  const [cmd, args] = hasTimeoutBinary()
    ? ['timeout', ['--kill-after=5', `${Math.ceil(lifetimeMs / 1000)}`, process.execPath, ...serverArgs]]
    : [process.execPath, serverArgs];

  const logPath = path.join(runDir, 'server.log');
  const logFd = fs.openSync(logPath, 'a');
  // detached: own process group, so stop() can kill code-server and every child (ext host, pty host, watcher).
  const child: ChildProcess = spawn(cmd, args as string[], {
    cwd: opts.workspace, env, detached: true, stdio: ['ignore', logFd, logFd],
  });
  fs.closeSync(logFd);
  const pgid = child.pid!;
  liveGroups.set(pgid, xdgLink);
  let exited = false;
  const exitPromise = new Promise<void>((r) => child.once('exit', () => { exited = true; r(); }));
  const lifetimeTimer = setTimeout(() => { void stop(); }, lifetimeMs);
  lifetimeTimer.unref();

  let stopping: Promise<void> | undefined;
  function stop(): Promise<void> {
    if (stopping) return stopping;
    stopping = (async () => {
      clearTimeout(lifetimeTimer);
      const kill = (sig: NodeJS.Signals) => { try { process.kill(-pgid, sig); } catch { /* gone */ } };
      if (!exited) {
        kill('SIGTERM');
        await Promise.race([exitPromise, sleep(5000)]);
      }
      kill('SIGKILL'); // stragglers of the group (e.g. an extension host ignoring SIGTERM)
      liveGroups.delete(pgid);
      if (xdgLink) fs.rmSync(xdgLink, { force: true });
    })();
    return stopping;
  }

  const deadline = Date.now() + (opts.startTimeoutMs ?? 60_000);
  for (;;) {
    if (exited) {
      const tail = fs.readFileSync(logPath, 'utf8').split('\n').slice(-30).join('\n');
      throw new Error(`[real-vscode] code-server exited during start (log ${logPath}):\n${tail}`);
    }
    if ((await httpStatus(`${url}/healthz`)) === 200) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`[real-vscode] code-server did not answer ${url}/healthz in time (log ${logPath})`);
    }
    await sleep(200);
  }
  return { port, url, runDir, stop };
}

// ---------------------------------------------------------------------------------------------
// Workbench URL (development-mode payload)
// ---------------------------------------------------------------------------------------------

export interface WorkbenchUrlOptions {
  /** Absolute (or cwd-relative) folder to open. */
  folder: string;
  /** Folder with the extension's package.json. */
  extensionDevelopmentPath: string;
  /** File to open at start; relative paths are resolved against `folder`. */
  openFile?: string;
  /** A .code-workspace file to open instead of `folder` (a multi-root workspace). */
  workspaceFile?: string;
  /** Compiled test module exporting run(); makes the workbench call codeAutomationExit when it settles. */
  extensionTestsPath?: string;
}

export function workbenchUrl(server: Pick<CodeServer, 'port' | 'url'>, opts: WorkbenchUrlOptions): string {
  const folder = path.resolve(opts.folder);
  const remote = (p: string) => `vscode-remote://127.0.0.1:${server.port}${encodeURI(p)}`;
  const payload: [string, string][] = [['extensionDevelopmentPath', remote(path.resolve(opts.extensionDevelopmentPath))]];
  if (opts.openFile) payload.push(['openFile', remote(path.resolve(folder, opts.openFile))]);
  if (opts.extensionTestsPath) payload.push(['extensionTestsPath', remote(path.resolve(opts.extensionTestsPath))]);
  const enc = (s: string) => encodeURIComponent(s).replace(/%2F/g, '/');
  const open = opts.workspaceFile ? `workspace=${enc(path.resolve(opts.workspaceFile))}` : `folder=${enc(folder)}`;
  return `${server.url}/?${open}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
}

// ---------------------------------------------------------------------------------------------
// Browser
// ---------------------------------------------------------------------------------------------

/** Recipe flags: work as root on a closed network. */
export const CHROMIUM_ARGS: readonly string[] = [
  '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--no-first-run', '--disable-quic', '--disable-dev-shm-usage',
];

export interface LaunchedBrowser {
  browser: Browser;
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

export async function launchBrowser(opts: { headless?: boolean } = {}): Promise<LaunchedBrowser> {
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: opts.headless ?? true,
    args: [...CHROMIUM_ARGS],
    timeout: 60_000,
  });
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  let closing: Promise<void> | undefined;
  const close = () => (closing ??= browser.close().catch(() => undefined));
  return { browser, context, page, close };
}

// ---------------------------------------------------------------------------------------------
// Integration tests (the @vscode/test-electron contract, in the real extension host)
// ---------------------------------------------------------------------------------------------

export interface RunIntegrationTestsOptions {
  extensionDevelopmentPath: string;
  /** Compiled module exporting run(): Promise<void> (e.g. out/test/integration/index.js). */
  extensionTestsPath: string;
  workspace: string;
  /** A .code-workspace file to open instead of the folder `workspace` (a multi-root workspace). */
  workspaceFile?: string;
  openFile?: string;
  settings?: object;
  /** Overall bound; on expiry a screenshot goes to artifacts/ and the result is 1. Default 180 s. */
  timeoutMs?: number;
}

function formatLogArgs(args: unknown): string {
  if (typeof args === 'string') return args;
  if (Array.isArray(args)) return args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' ');
  return JSON.stringify(args);
}

/** Resolves with the exit code the workbench reports through codeAutomationExit (0 = run() resolved). */
export async function runIntegrationTests(opts: RunIntegrationTestsOptions): Promise<number> {
  const t0 = Date.now();
  const timeoutMs = opts.timeoutMs ?? 180_000;
  const server = await startCodeServer({
    workspace: opts.workspace, settings: opts.settings, lifetimeMs: timeoutMs + 60_000,
  });
  console.log(`[real-vscode] code-server up on ${server.url} in ${Date.now() - t0} ms (run dir ${server.runDir})`);
  let launched: LaunchedBrowser | undefined;
  let timer: NodeJS.Timeout | undefined;
  try {
    launched = await launchBrowser();
    const { page } = launched;
    const consoleLog = fs.createWriteStream(path.join(server.runDir, 'browser-console.log'));
    page.on('console', (m) => consoleLog.write(`[${m.type()}] ${m.text()}\n`));
    page.on('pageerror', (e) => consoleLog.write(`[pageerror] ${e.stack ?? e.message}\n`));

    let settle!: (code: number) => void;
    const exitCode = new Promise<number>((r) => (settle = r));
    await page.exposeFunction('codeAutomationLog', (type: string, args: unknown) => {
      const line = formatLogArgs(args);
      if (type === 'error' || type === 'warn') process.stderr.write(`${line}\n`);
      else process.stdout.write(`${line}\n`);
    });
    await page.exposeFunction('codeAutomationExit', (code: number) => settle(typeof code === 'number' ? code : 1));
    timer = setTimeout(async () => {
      console.error(`[real-vscode] integration tests did not finish within ${timeoutMs} ms ` +
        `(server log ${path.join(server.runDir, 'server.log')}, browser console ${path.join(server.runDir, 'browser-console.log')})`);
      await screenshot(page, 'integration-timeout').then((p) => console.error(`[real-vscode] screenshot: ${p}`), () => undefined);
      settle(1);
    }, timeoutMs);

    const url = workbenchUrl(server, {
      folder: opts.workspace, extensionDevelopmentPath: opts.extensionDevelopmentPath,
      openFile: opts.openFile, extensionTestsPath: opts.extensionTestsPath, workspaceFile: opts.workspaceFile,
    });
    await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 60_000 });
    const code = await exitCode;
    console.log(`[real-vscode] integration tests exited with ${code} after ${Date.now() - t0} ms`);
    consoleLog.end();
    return code;
  } finally {
    if (timer) clearTimeout(timer);
    await launched?.close();
    await server.stop();
  }
}

// ---------------------------------------------------------------------------------------------
// E2E helpers (read the real workbench's DOM)
// ---------------------------------------------------------------------------------------------

/** Waits until the workbench shows an editor (after page.goto(workbenchUrl(...)) with openFile). */
export async function waitForEditor(page: Page, timeoutMs = 60_000): Promise<void> {
  await page.locator('.monaco-workbench').waitFor({ timeout: timeoutMs });
  await page.locator('.editor-instance .monaco-editor .view-lines .view-line').first().waitFor({ timeout: timeoutMs });
}

export interface DecorationText {
  /** 1-based model line, from the line-numbers gutter (undefined if line numbers are off). */
  line: number | undefined;
  text: string;
}

/**
 * Texts of `after` decorations (`after.contentText`) and of inlay hints in the visible
 * editors. VS Code draws decorations with a CSS ::after rule on an empty span, so they are
 * read with getComputedStyle(span, '::after'); inlay hints are spans in the line's text.
 * Only rendered (visible) lines are seen.
 */
export async function readDecorations(page: Page): Promise<DecorationText[]> {
  return page.evaluate(() => {
    const unquote = (c: string): string | undefined => {
      if (!c || c === 'none' || c === 'normal') return undefined;
      const m = /^"(.*)"$/s.exec(c) ?? /^'(.*)'$/s.exec(c);
      return m ? m[1].replace(/\\(.)/gs, '$1') : c;
    };
    const out: { line: number | undefined; text: string }[] = [];
    for (const editor of Array.from(document.querySelectorAll<HTMLElement>('.monaco-editor'))) {
      const viewLines = editor.querySelector<HTMLElement>('.view-lines');
      if (!viewLines || editor.offsetParent === null) continue;
      // top(px) -> line number, from the gutter (same coordinate system as the view lines).
      const gutter: { top: number; line: number }[] = [];
      for (const ln of Array.from(editor.querySelectorAll<HTMLElement>('.margin-view-overlays .line-numbers'))) {
        const row = (ln.parentElement ?? ln) as HTMLElement;
        const n = parseInt((ln.textContent ?? '').trim(), 10);
        if (!Number.isNaN(n)) gutter.push({ top: parseFloat(row.style.top || ln.style.top || 'NaN'), line: n });
      }
      gutter.sort((a, b) => a.top - b.top);
      const lineAt = (top: number): number | undefined => {
        let best: number | undefined;
        for (const g of gutter) if (g.top <= top + 0.5) best = g.line; // wrapped lines: the line above
        return best;
      };
      const lines = Array.from(viewLines.querySelectorAll<HTMLElement>('.view-line'))
        .sort((a, b) => parseFloat(a.style.top) - parseFloat(b.style.top));
      for (const vl of lines) {
        const line = lineAt(parseFloat(vl.style.top));
        for (const span of Array.from(vl.querySelectorAll<HTMLElement>('span'))) {
          const text = unquote(getComputedStyle(span, '::after').content);
          if (text !== undefined) out.push({ line, text });
          // Inlay hints are text in the line, in spans of their own (class dyn-rule-…);
          // their padding is a span holding a hair space.
          else if (/\bdyn-rule-/.test(span.className) && span.children.length === 0) {
            const hint = (span.textContent ?? '').replace(/\u00a0/g, ' ').replace(/\u200a/g, '');
            if (hint.trim()) out.push({ line, text: hint });
          }
        }
      }
    }
    return out;
  });
}

/**
 * Polls readDecorations until `match` (a text, a RegExp, or a predicate over the list) holds;
 * decorations arrive a little after the editor shows. Returns the last list; throws on timeout.
 */
export async function waitForDecorations(
  page: Page,
  match: string | RegExp | ((decorations: DecorationText[]) => boolean),
  timeoutMs = 15_000,
): Promise<DecorationText[]> {
  const ok = typeof match === 'function' ? match
    : (ds: DecorationText[]) => ds.some((d) => (typeof match === 'string' ? d.text === match : match.test(d.text)));
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ds = await readDecorations(page);
    if (ok(ds)) return ds;
    if (Date.now() > deadline) throw new Error(`[real-vscode] decorations never matched ${String(match)}; last: ${JSON.stringify(ds)}`);
    await sleep(150);
  }
}

export interface HoverResult {
  /** innerText of the hover (all .monaco-hover-content parts). */
  text: string;
  html: string;
}

/**
 * Moves the mouse over the first occurrence of `text` in the visible editor text (twice, a few px
 * apart, as VS Code needs) and returns the hover's contents. Throws if no hover shows.
 */
export async function hoverAt(page: Page, text: string, opts: { occurrence?: number; timeoutMs?: number } = {}): Promise<HoverResult> {
  const box = await page.evaluate(({ needle, occurrence }) => {
    let seen = 0;
    for (const editor of Array.from(document.querySelectorAll<HTMLElement>('.monaco-editor'))) {
      const viewLines = editor.querySelector('.view-lines');
      if (!viewLines || editor.offsetParent === null) continue;
      for (const vl of Array.from(viewLines.querySelectorAll<HTMLElement>('.view-line'))) {
        const walker = document.createTreeWalker(vl, NodeFilter.SHOW_TEXT);
        // Text of a view line can be split over spans (tokens): search the concatenation.
        const nodes: Text[] = [];
        let all = '';
        for (let n = walker.nextNode(); n; n = walker.nextNode()) { nodes.push(n as Text); all += (n as Text).data; }
        all = all.replace(/\u00a0/g, ' ');
        let from = 0;
        for (let i = all.indexOf(needle, from); i >= 0; i = all.indexOf(needle, from)) {
          from = i + 1;
          if (seen++ !== occurrence) continue;
          // Middle character of the match.
          let pos = i + Math.floor(needle.length / 2);
          for (const node of nodes) {
            if (pos < node.data.length) {
              const r = document.createRange();
              r.setStart(node, pos); r.setEnd(node, pos + 1);
              const b = r.getBoundingClientRect();
              return { x: b.left + b.width / 2, y: b.top + b.height / 2 };
            }
            pos -= node.data.length;
          }
        }
      }
    }
    return undefined;
  }, { needle: text, occurrence: opts.occurrence ?? 0 });
  if (!box) throw new Error(`[real-vscode] hoverAt: "${text}" not found in the visible editor text`);
  await page.mouse.move(5, 5); // leave any previous hover
  await page.locator('.monaco-hover:not(.hidden) .monaco-hover-content').first().waitFor({ state: 'hidden', timeout: 5000 }).catch(() => undefined);
  await page.mouse.move(box.x, box.y);
  await page.mouse.move(box.x + 2, box.y + 1);
  const hover = page.locator('.monaco-hover:not(.hidden) .monaco-hover-content').first();
  await hover.waitFor({ state: 'visible', timeout: opts.timeoutMs ?? 10_000 });
  // Async hover providers fill in after it opens: read it once its content stops changing.
  return settled(page, () => page.evaluate(() => {
    const parts = Array.from(document.querySelectorAll<HTMLElement>('.monaco-hover-content'))
      .filter((e) => e.offsetParent !== null);
    return { text: parts.map((p) => p.innerText).join('\n'), html: parts.map((p) => p.innerHTML).join('\n') };
  }));
}

/** Reads `read` until it gives the same answer over a few animation frames, and returns it (a bound, not a timing). */
export async function settled<T>(page: Page, read: () => Promise<T>, timeoutMs = 10_000): Promise<T> {
  const frames = () => page.evaluate(() => new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r()))));
  const deadline = Date.now() + timeoutMs;
  let last = await read();
  let same = 0;
  while (same < 3 && Date.now() < deadline) {
    await frames();
    const now = await read();
    same = JSON.stringify(now) === JSON.stringify(last) ? same + 1 : 0;
    last = now;
  }
  return last;
}

/** Quick Open (Ctrl+P), type the file name, Enter; waits for its tab to be active. */
export async function openFile(page: Page, name: string, timeoutMs = 20_000): Promise<void> {
  await page.locator('.monaco-workbench').waitFor({ timeout: timeoutMs });
  const input = page.locator('.quick-input-widget .quick-input-box input');
  for (let attempt = 0; ; attempt++) {
    await page.keyboard.press('Control+P');
    try { await input.waitFor({ state: 'visible', timeout: 3000 }); break; } catch (e) {
      if (attempt >= 3) throw e;
      await page.locator('.monaco-workbench').click({ position: { x: 700, y: 5 } }).catch(() => undefined); // focus the page
    }
  }
  await input.fill(name);
  const base = path.basename(name);
  // Wait until the result list shows the file, then open it.
  await page.locator('.quick-input-list .monaco-list-row', { hasText: base }).first().waitFor({ timeout: timeoutMs });
  await page.keyboard.press('Enter');
  await page.locator(`.tabs-container .tab.active[aria-label*="${base.replace(/"/g, '\\"')}"]`).first()
    .waitFor({ timeout: timeoutMs }).catch(async () => {
      // Tab labels vary (preview tabs, single-tab mode): fall back to the title of the active editor.
      await page.locator('.title .label-name', { hasText: base }).first().waitFor({ timeout: 2000 });
    });
  await page.locator('.editor-instance .monaco-editor .view-lines .view-line').first().waitFor({ timeout: timeoutMs });
}

export interface ProblemRow {
  /** 'error' | 'warning' | 'info' | undefined (file rows have none). */
  severity: string | undefined;
  /** Text as shown in the row (message, source, position). */
  text: string;
  /** The row's aria-label (VS Code's full description, e.g. "Error: msg at line 1 column 2 in x.md source dl-calc"). */
  ariaLabel: string;
  /** True for the file header rows of the tree. */
  isFile: boolean;
}

/** Opens the Problems panel (Ctrl+Shift+M) and returns its rows (files and markers). */
export async function readProblems(page: Page, timeoutMs = 10_000): Promise<ProblemRow[]> {
  const panel = page.locator('.markers-panel');
  if (!(await panel.isVisible().catch(() => false))) {
    await page.keyboard.press('Control+Shift+M');
    await panel.waitFor({ state: 'visible', timeout: timeoutMs });
  }
  // The markers view updates a moment after the markers do: read it once its rows settle.
  return settled(page, () => page.evaluate(() => Array.from(document.querySelectorAll<HTMLElement>('.markers-panel .monaco-list-row')).map((row) => {
    const icon = row.querySelector('.marker-icon, .codicon-error, .codicon-warning, .codicon-info');
    const cls = icon ? icon.className : '';
    const severity = /error/.test(cls) ? 'error' : /warning/.test(cls) ? 'warning' : /info/.test(cls) ? 'info' : undefined;
    return {
      severity,
      text: row.innerText.replace(/\s+/g, ' ').trim(),
      ariaLabel: row.getAttribute('aria-label') ?? '',
      isFile: !!row.querySelector('.file-icon, .monaco-icon-label.file-icon') && !icon,
    };
  })));
}

/**
 * Opens the Markdown preview of the active editor to the side (Ctrl+K V) and waits for its webview.
 * Read it with previewFrame(page).
 */
export async function openMarkdownPreviewToSide(page: Page, timeoutMs = 20_000): Promise<void> {
  await page.keyboard.press('Control+K');
  await page.keyboard.press('V');
  await previewFrame(page).locator('body').waitFor({ timeout: timeoutMs });
}

/** The Markdown preview's content document: iframe.webview > #active-frame (last preview if several). */
export function previewFrame(page: Page) {
  return page.frameLocator('iframe.webview').last().frameLocator('#active-frame');
}

/** Saves a PNG of the page into artifacts/<name>.png and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(ARTIFACTS_DIR, { recursive: true });
  const file = path.join(ARTIFACTS_DIR, `${name.replace(/[^\w.-]+/g, '_')}${name.endsWith('.png') ? '' : '.png'}`);
  await page.screenshot({ path: file });
  return file;
}

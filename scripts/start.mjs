// `npm start`: the desktop app in development, with the demo cinema.
// 1. the Electron binary, 2. better-sqlite3 built for Electron's ABI (kept apart from the Node
// build the tests use), 3. fresh renderer and Electron bundles, 4. launch.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const modules = join(root, 'node_modules');
const require = createRequire(import.meta.url);

function fail(message) {
  console.error(`\n[start] ${message}\n`);
  process.exit(1);
}

/** Runs a command in the foreground; true when it exited with 0. */
function run(command, args, cwd = root) {
  console.log(`[start] ${command === process.execPath ? 'node' : command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { cwd, stdio: 'inherit', shell: false });
  return result.status === 0;
}

const node = (script, args, cwd) => run(process.execPath, [script, ...args], cwd);

// 1. Electron's binary is downloaded by its install script, which offline installs skip.
function ensureElectronBinary() {
  const electronDir = join(modules, 'electron');
  const pathFile = join(electronDir, 'path.txt');
  const installed = () => existsSync(pathFile) && existsSync(join(electronDir, 'dist', readFileSync(pathFile, 'utf8').trim()));
  if (installed()) return;
  console.log('[start] Electron binary missing, downloading it…');
  if (!node(join(electronDir, 'install.js'), []) || !installed()) {
    fail(
      'Could not download the Electron binary (no internet access?).\n' +
        '        Run the box office in a browser instead:  npm run start:browser',
    );
  }
}

// 2. A copy of better-sqlite3 built for Electron; node_modules/better-sqlite3/build stays Node's.
function ensureElectronSqlite() {
  const electronVersion = require('electron/package.json').version;
  const sqliteVersion = require('better-sqlite3/package.json').version;
  const arch = process.arch;
  const dir = join(root, '.electron-native', 'better-sqlite3');
  const binding = join(dir, 'build', 'Release', 'better_sqlite3.node');
  const stamp = join(dir, '.built-for');
  const wanted = `better-sqlite3@${sqliteVersion} electron@${electronVersion} ${process.platform}-${arch}`;
  if (existsSync(binding) && existsSync(stamp) && readFileSync(stamp, 'utf8') === wanted) return binding;

  console.log(`[start] Building better-sqlite3 for Electron ${electronVersion} (${arch})…`);
  rmSync(dir, { recursive: true, force: true });
  // Without the Node build, so a failed Electron build can never pass for a good one.
  const source = join(modules, 'better-sqlite3');
  cpSync(source, dir, { recursive: true, filter: (path) => path !== join(source, 'build') });
  const prebuilt = node(
    join(modules, 'prebuild-install', 'bin.js'),
    ['--runtime', 'electron', '--target', electronVersion, '--arch', arch, '--verbose'],
    dir,
  );
  const built =
    (prebuilt && existsSync(binding)) ||
    node(
      join(modules, 'node-gyp', 'bin', 'node-gyp.js'),
      ['rebuild', '--release', `--target=${electronVersion}`, `--arch=${arch}`, '--dist-url=https://electronjs.org/headers'],
      dir,
    );
  if (!built || !existsSync(binding)) {
    fail(
      'Could not get better-sqlite3 for Electron (no prebuilt download and no compiler/headers).\n' +
        '        Run the box office in a browser instead:  npm run start:browser',
    );
  }
  writeFileSync(stamp, wanted);
  return binding;
}

// 3. Rebuild outputs that are missing or older than any of their sources.
function newestMtime(paths) {
  let newest = 0;
  const visit = (path) => {
    if (!existsSync(path)) return;
    const stat = statSync(path);
    if (stat.isDirectory()) {
      for (const entry of readdirSync(path)) if (entry !== 'node_modules') visit(join(path, entry));
    } else if (!/\.test\.tsx?$/.test(path)) {
      newest = Math.max(newest, stat.mtimeMs);
    }
  };
  paths.forEach((p) => visit(join(root, p)));
  return newest;
}

function isStale(outputs, sources) {
  const paths = outputs.map((o) => join(root, o));
  if (!paths.every(existsSync)) return true;
  const oldest = Math.min(...paths.map((p) => statSync(p).mtimeMs));
  return newestMtime(sources) > oldest;
}

function ensureBuilds() {
  if (isStale(['dist/renderer/index.html'], ['renderer', 'shared', 'vite.config.ts', 'package.json'])) {
    if (!node(join(modules, 'vite', 'bin', 'vite.js'), ['build'])) fail('The renderer build failed.');
  }
  const bundles = ['dist-electron/main.cjs', 'dist-electron/preload.cjs'];
  if (isStale(bundles, ['electron', 'shared', 'migrations', 'scripts/build-electron.mjs', 'package.json'])) {
    if (!node(join(root, 'scripts', 'build-electron.mjs'), [])) fail('The Electron build failed.');
  }
}

// 4. Launch Electron on this folder, demo cinema on unless asked otherwise.
function launch(binding) {
  const electron = require('electron'); // the binary's path when required from Node
  const passed = process.argv.slice(2);
  const demo = !passed.includes('--no-demo');
  const args = [root, ...(demo ? ['--demo'] : []), ...passed.filter((a) => a !== '--no-demo')];
  const env = { ...process.env, BOX_OFFICE_SQLITE_BINDING: binding, ...(demo ? {} : { BOX_OFFICE_DEMO: '0' }) };
  delete env.ELECTRON_RUN_AS_NODE; // would start Electron as plain Node
  const child = spawn(electron, args, { stdio: 'inherit', env });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

ensureElectronBinary();
const binding = ensureElectronSqlite();
ensureBuilds();
launch(binding);

// `npm start`: builds the local preview and serves it on http://127.0.0.1:${PORT:-3000} until Ctrl-C.
//   1. scripts/build/build-lwc.mjs (tsconfig paths + tsc: <name>.js beside each LWC <name>.ts)
//   2. rollup with preview/rollup.config.mjs (which also type-checks and compiles preview/backend)
//   3. a tiny static server on loopback
// `--build-only` stops after step 2 (the test runner uses it before the e2e tests).
// Rollup's module cache is kept in preview/.build/ so rebuilds skip unchanged modules.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { startStaticServer } from './static-server.mjs';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const DIST = path.join(ROOT, 'preview', 'dist');
const CONFIG = path.join(ROOT, 'preview', 'rollup.config.mjs');
const CACHE = path.join(ROOT, 'preview', '.build', 'rollup-cache.json');

/** Builds the LWCs and the preview; throws on failure. Returns the step timings in ms. */
export async function buildPreview({ log = console.log } = {}) {
  const timings = {};
  let started = Date.now();
  const lwc = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'build', 'build-lwc.mjs')], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  if (lwc.status !== 0) throw new Error(`npm run build failed (exit ${lwc.status})`);
  timings.lwc = Date.now() - started;

  started = Date.now();
  const { rollup } = await import('rollup');
  const { loadConfigFile } = await import('rollup/loadConfigFile');
  const { options, warnings } = await loadConfigFile(CONFIG);
  const cacheKey = cacheKeyOf();
  const cache = readCache(cacheKey);
  for (const inputOptions of options) {
    const bundle = await rollup({ ...inputOptions, cache });
    try {
      await Promise.all(inputOptions.output.map((outputOptions) => bundle.write(outputOptions)));
    } finally {
      await bundle.close();
    }
    writeCache(cacheKey, bundle.cache);
  }
  timings.rollup = Date.now() - started;
  warnings.flush();
  log(
    `preview: built in ${((timings.lwc + timings.rollup) / 1000).toFixed(1)} s (LWC tsc ${timings.lwc} ms, rollup ${timings.rollup} ms${cache ? ', cached' : ''})`,
  );
  return timings;
}

// The cache is only valid for the same dependencies, config and mode.
function cacheKeyOf() {
  const lock = fs.statSync(path.join(ROOT, 'package-lock.json'));
  // The plugins' own code too: a changed module resolution (e.g. a new @salesforce/* module) must not be cached.
  const config = [CONFIG, path.join(ROOT, 'preview', 'salesforceModules.mjs')]
    .map((file) => fs.readFileSync(file, 'utf8'))
    .join('\n');
  return JSON.stringify([
    lock.size,
    lock.mtimeMs,
    config.length,
    config,
    process.env.PREVIEW_MODE ?? '',
    process.env.PREVIEW_SOURCEMAP ?? '',
  ]);
}

function readCache(key) {
  try {
    const saved = JSON.parse(fs.readFileSync(CACHE, 'utf8'));
    return saved.key === key ? saved.cache : undefined;
  } catch {
    return undefined;
  }
}

function writeCache(key, cache) {
  if (!cache) return;
  // ASTs are most of the cache's size and cheap to rebuild (rollup's native parser): keep the transforms.
  for (const module of cache.modules) delete module.ast;
  fs.mkdirSync(path.dirname(CACHE), { recursive: true });
  fs.writeFileSync(CACHE, JSON.stringify({ key, cache }));
}

async function main() {
  const buildOnly = process.argv.includes('--build-only');
  try {
    await buildPreview();
  } catch (error) {
    console.error(`preview: build failed: ${error.message ?? error}`);
    process.exit(1);
  }
  if (buildOnly) return;

  const port = Number(process.env.PORT ?? 3000);
  const server = await startStaticServer({ root: DIST, port }).catch((error) => {
    console.error(`preview: cannot listen on 127.0.0.1:${port}: ${error.message} (set PORT to use another port)`);
    process.exit(1);
  });
  console.log(`\nLocal preview (generated sample data, no org): ${server.url}/`);
  console.log(
    `  Other sample orgs: ${['empty', 'novoice', 'noaccess', 'large'].map((org) => `${server.url}/?org=${org}`).join('  ')}`,
  );
  console.log('Press Ctrl-C to stop.');
  const stop = async () => {
    await server.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();

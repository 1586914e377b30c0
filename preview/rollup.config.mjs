// Bundles the local preview (`npm start` builds and serves it; see scripts/preview/start.mjs):
// the TypeScript LWCs as tsc emitted them (`<name>.js` beside `<name>.ts`; run `npm run build` first),
// lightning-base-components, the preview backend (compiled from preview/backend by tsc here),
// stubs for Salesforce-only modules, and SLDS. Output: preview/dist (git-ignored).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import lwc from '@lwc/rollup-plugin';
import replace from '@rollup/plugin-replace';
import { salesforceModules } from './salesforceModules.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const PREVIEW = path.join(ROOT, 'preview');
const DIST = path.join(PREVIEW, 'dist');
const SLDS = path.join(ROOT, 'node_modules', '@salesforce-ux', 'design-system');
const sfdxProject = JSON.parse(fs.readFileSync(path.join(ROOT, 'sfdx-project.json'), 'utf8'));
const packageDirs = sfdxProject.packageDirectories.map((dir) => path.join(ROOT, dir.path));
const apiVersion = Math.floor(Number(sfdxProject.sourceApiVersion));
// development (default) keeps LWC's runtime checks, which log errors the e2e tests catch.
const mode = process.env.PREVIEW_MODE === 'production' ? 'production' : 'development';

/** Every LWC bundle under any `lwc/` folder of the package directories, as `c/<name>` modules. */
export function findLwcModules(dirs = packageDirs) {
  const modules = new Map();
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (!entry.isDirectory() || entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
      const full = path.join(dir, entry.name);
      if (entry.name !== 'lwc') {
        walk(full);
        continue;
      }
      for (const bundle of fs.readdirSync(full, { withFileTypes: true })) {
        if (!bundle.isDirectory() || bundle.name.startsWith('.') || bundle.name === '__tests__') continue;
        const js = path.join(full, bundle.name, `${bundle.name}.js`);
        const ts = path.join(full, bundle.name, `${bundle.name}.ts`);
        if (!fs.existsSync(js)) {
          if (fs.existsSync(ts)) {
            throw new Error(`${path.relative(ROOT, ts)} has not been compiled: run \`npm run build\` first.`);
          }
          continue;
        }
        const previous = modules.get(bundle.name);
        if (previous) throw new Error(`Two LWC bundles are named ${bundle.name}: ${previous} and ${js}`);
        modules.set(bundle.name, js);
      }
    }
  };
  for (const dir of dirs) if (fs.existsSync(dir)) walk(dir);
  return [...modules].sort().map(([name, js]) => ({ name: `c/${name}`, path: js }));
}

/** Every file under `dir` whose name ends with one of `suffixes`. */
function filesUnder(dir, suffixes) {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true, recursive: true })
    .flatMap((entry) =>
      entry.isFile() && suffixes.some((suffix) => entry.name.endsWith(suffix))
        ? [path.join(entry.parentPath ?? entry.path, entry.name)]
        : [],
    );
}

/** Rewrites module specifiers in emitted files (`rewrite(specifier, file)` returns the new one, or null to keep it). */
function rewriteSpecifiers(files, rewrite) {
  for (const file of files) {
    const source = fs.readFileSync(file, 'utf8');
    const changed = source.replace(
      /(\bfrom\s*|\bimport\s*\(?\s*)(['"])([^'"\n]+)\2/g,
      (match, before, quote, specifier) => {
        const replacement = rewrite(specifier, file);
        return replacement ? `${before}${quote}${replacement}${quote}` : match;
      },
    );
    if (changed !== source) fs.writeFileSync(file, changed);
  }
}

const relativeSpecifier = (fromFile, toFile) => {
  const relative = path.relative(path.dirname(fromFile), toFile).split(path.sep).join('/');
  return relative.startsWith('.') ? relative : `./${relative}`;
};

/**
 * Type-checks and compiles preview/backend (TypeScript) to preview/.build/backend before bundling. The pure LWC
 * modules it reuses are compiled first (preview/tsconfig.lwc.json, to preview/.build/lwc with declarations) and
 * every import between them is made relative, so Node (the e2e and unit tests) and rollup load the same files.
 */
function compileBackend() {
  const BUILD = path.join(PREVIEW, '.build');
  const tsc = (project) =>
    spawnSync(
      process.execPath,
      [path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', project, '--pretty', 'false'],
      {
        cwd: ROOT,
        encoding: 'utf8',
      },
    );
  return {
    name: 'compile-preview-backend',
    buildStart() {
      const started = Date.now();
      const lwcOut = path.join(BUILD, 'lwc');
      const lwcResult = tsc(path.join(PREVIEW, 'tsconfig.lwc.json'));
      if (lwcResult.status !== 0) {
        this.error(
          `tsc failed on the LWC modules of the preview backend (preview/tsconfig.lwc.json):\n${lwcResult.stdout}${lwcResult.stderr}`,
        );
      }
      rewriteSpecifiers(filesUnder(lwcOut, ['.js', '.d.ts']), (specifier, file) => {
        const name = /^c\/(\w+)$/.exec(specifier)?.[1];
        return name ? relativeSpecifier(file, path.join(lwcOut, name, `${name}.js`)) : null;
      });
      fs.writeFileSync(path.join(lwcOut, 'package.json'), '{ "type": "module" }\n');
      const result = tsc(path.join(PREVIEW, 'tsconfig.json'));
      if (result.status !== 0) {
        this.error(`tsc failed on the preview backend (preview/tsconfig.json):\n${result.stdout}${result.stderr}`);
      }
      const backendOut = path.join(BUILD, 'backend');
      rewriteSpecifiers(filesUnder(backendOut, ['.js']), (specifier, file) =>
        specifier.startsWith('@ccus/lwc/')
          ? relativeSpecifier(file, path.join(lwcOut, specifier.slice('@ccus/lwc/'.length)))
          : null,
      );
      // Lets Node import the compiled backend as ES modules (the e2e tests compute expected values with it).
      fs.writeFileSync(path.join(backendOut, 'package.json'), '{ "type": "module" }\n');
      this.info?.(`preview backend compiled in ${Date.now() - started} ms`);
    },
  };
}

/**
 * The preview's locale is left-to-right (`@salesforce/i18n/dir`), so lightning-primitive-icon never
 * imports the right-to-left icon template libraries: leaving them out halves the build time.
 */
function leftToRightIconsOnly() {
  const RTL = /^lightning\/iconSvgTemplates\w*Rtl$/;
  const STUB = '\0rtl-icons-stub';
  return {
    name: 'left-to-right-icons-only',
    resolveId: (id) => (RTL.test(id) ? STUB : null),
    load: (id) => (id === STUB ? 'export default null;' : null),
  };
}

/** index.html and the SLDS assets the page and lightning-base-components load (/assets/...). */
function staticFiles() {
  return {
    name: 'preview-static-files',
    writeBundle() {
      fs.copyFileSync(path.join(PREVIEW, 'src', 'index.html'), path.join(DIST, 'index.html'));
      const assets = path.join(DIST, 'assets');
      const stamp = path.join(assets, '.slds-version');
      const version = JSON.parse(fs.readFileSync(path.join(SLDS, 'package.json'), 'utf8')).version;
      if (fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8') === version) return;
      fs.rmSync(assets, { recursive: true, force: true });
      const copy = (from, to = from) =>
        fs.cpSync(path.join(SLDS, 'assets', from), path.join(assets, to), { recursive: true });
      copy('styles/salesforce-lightning-design-system.min.css');
      copy('images');
      for (const sprite of ['action', 'custom', 'doctype', 'standard', 'utility']) copy(`icons/${sprite}-sprite`);
      fs.writeFileSync(stamp, version);
    },
  };
}

export default {
  input: path.join(PREVIEW, 'src', 'main.js'),
  output: {
    file: path.join(DIST, 'app.js'),
    format: 'esm',
    sourcemap: process.env.PREVIEW_SOURCEMAP === '1', // off by default: 2 s more per build
    inlineDynamicImports: true,
  },
  plugins: [
    compileBackend(),
    salesforceModules({
      packageDirs,
      transportPath: path.join(PREVIEW, 'src', 'apexTransport.js'),
      platformDir: path.join(PREVIEW, 'src', 'platform'),
    }),
    leftToRightIconsOnly(),
    replace({
      preventAssignment: true,
      values: { 'process.env.NODE_ENV': JSON.stringify(mode), 'import.meta.env.SSR': 'false' },
    }),
    lwc({
      rootDir: path.join(PREVIEW, 'src'),
      modules: [...findLwcModules(), { npm: 'lightning-base-components' }],
      enableDynamicComponents: true,
      apiVersion,
    }),
    staticFiles(),
  ],
  onwarn(warning, warn) {
    const where = String(warning.id ?? warning.loc?.file ?? warning.ids?.join(' ') ?? '');
    // lightning-base-components' own template warnings and import cycles are not ours to fix.
    if (where.includes(`node_modules${path.sep}`) || warning.code === 'THIS_IS_UNDEFINED') return;
    if (warning.code === 'CIRCULAR_DEPENDENCY' && warning.ids?.every((id) => id.includes('node_modules'))) return;
    warn(warning);
  },
};

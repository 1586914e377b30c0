// Builds the static resources that come from npm packages: copies each library's distributed file into its
// staticresources folder. The copies are build output (git-ignored); the .resource-meta.xml beside each is committed.
// Run by the build before deploying, packaging or previewing (scripts/build/build-lwc.mjs should call it).
//
//   papaparse/papaparse.min.js -> force-app/main/mapping/staticresources/papaparse.js  (the mapping CSV import)
//
// Usage: node scripts/build/static-resources.mjs [--check]   (--check: fail when a copy is missing or out of date)
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Each static resource built from an npm package: the package file, the resource file and its meta file. */
export const NPM_STATIC_RESOURCES = [
  {
    name: 'papaparse',
    packageName: 'papaparse',
    from: 'papaparse.min.js',
    to: 'force-app/main/mapping/staticresources/papaparse.js',
    meta: 'force-app/main/mapping/staticresources/papaparse.resource-meta.xml',
  },
];

function packageDir(projectDir, packageName) {
  const dir = path.join(projectDir, 'node_modules', packageName);
  if (!fs.existsSync(path.join(dir, 'package.json'))) {
    throw new Error(`static-resources: the npm package ${packageName} is not installed (run npm ci).`);
  }
  return dir;
}

/**
 * Copies every resource whose copy is missing or differs. Returns one entry per resource with the package version
 * and whether it was written; with `check`, writes nothing and reports stale copies instead.
 */
export function buildStaticResources(projectDir = ROOT, { check = false } = {}) {
  return NPM_STATIC_RESOURCES.map((resource) => {
    const dir = packageDir(projectDir, resource.packageName);
    const { version } = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
    const source = fs.readFileSync(path.join(dir, resource.from));
    const target = path.join(projectDir, resource.to);
    if (!fs.existsSync(path.join(projectDir, resource.meta))) {
      throw new Error(`static-resources: ${resource.meta} is missing (it is committed, not generated).`);
    }
    const current = fs.existsSync(target) ? fs.readFileSync(target) : null;
    const upToDate = current !== null && current.equals(source);
    if (!upToDate && !check) {
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(target, source);
    }
    return { ...resource, version, bytes: source.length, upToDate, written: !upToDate && !check };
  });
}

function main() {
  const check = process.argv.includes('--check');
  const results = buildStaticResources(ROOT, { check });
  for (const result of results) {
    const state = result.upToDate ? 'up to date' : check ? 'OUT OF DATE' : 'written';
    console.log(
      `static-resources: ${result.to} (${result.packageName} ${result.version}, ${result.bytes} bytes) ${state}`,
    );
  }
  if (check && results.some((result) => !result.upToDate)) {
    console.error('static-resources: run node scripts/build/static-resources.mjs');
    process.exit(1);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    main();
  } catch (error) {
    console.error(error.message);
    process.exit(1);
  }
}

// Writes tsconfig.paths.json: one "c/<name>" path per LWC bundle that has <name>.ts, in every
// package directory of sfdx-project.json (TypeScript `paths` allow one '*', so 'c/*' cannot map
// to 'lwc/*/*'), plus the '@ccus/apex-contracts' alias for the shared Apex contract types.
import fs from 'node:fs';
import path from 'node:path';

/** @returns {Record<string, string[]>} component paths keyed by 'c/<name>' */
export function findLwcTypeScriptBundles(projectDir = '.') {
  const sfdx = JSON.parse(fs.readFileSync(path.join(projectDir, 'sfdx-project.json'), 'utf8'));
  const paths = {};
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (!entry.isDirectory() || entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
      const full = path.join(dir, entry.name);
      if (entry.name !== 'lwc') {
        walk(full);
        continue;
      }
      for (const bundle of fs.readdirSync(full, { withFileTypes: true })) {
        const ts = path.join(full, bundle.name, `${bundle.name}.ts`);
        if (!bundle.isDirectory() || !fs.existsSync(ts)) continue;
        const key = `c/${bundle.name}`;
        if (paths[key]) throw new Error(`Two LWC bundles are named ${bundle.name}: ${paths[key][0]} and ${ts}`);
        paths[key] = ['./' + path.relative(projectDir, ts).split(path.sep).join('/')];
      }
    }
  };
  for (const dir of sfdx.packageDirectories)
    if (fs.existsSync(path.join(projectDir, dir.path))) walk(path.join(projectDir, dir.path));
  return Object.fromEntries(Object.entries(paths).sort());
}

export function writeTsPaths(projectDir = '.') {
  const paths = {
    '@ccus/apex-contracts': ['./types/apex-contracts.d.ts'],
    ...findLwcTypeScriptBundles(projectDir),
  };
  const out = { compilerOptions: { paths } };
  fs.writeFileSync(path.join(projectDir, 'tsconfig.paths.json'), JSON.stringify(out, null, 2) + '\n');
  return Object.keys(paths).length - 1;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(`tsconfig.paths.json: ${writeTsPaths()} LWC bundles`);
}

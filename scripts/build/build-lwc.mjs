// Build the TypeScript LWCs: regenerate tsconfig paths and types/apex.d.ts (from the Apex contracts), copy the
// static resources that come from npm packages, then tsc emits <name>.js beside each <name>.ts.
// Every script that deploys, packages, previews or tests runs this first.
import { spawnSync } from 'node:child_process';
import { writeApexTypes } from './gen-apex-types.mjs';
import { writeTsPaths } from './gen-ts-paths.mjs';
import { buildStaticResources } from './static-resources.mjs';

const count = writeTsPaths();
await writeApexTypes();
buildStaticResources();
const started = Date.now();
const result = spawnSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.json'], {
  stdio: 'inherit',
});
if (result.status !== 0) {
  console.error(`build: tsc failed (exit ${result.status}); no .js was emitted for the LWCs.`);
  process.exit(result.status ?? 1);
}
console.log(`build: ${count} TypeScript LWC bundles compiled in ${Date.now() - started} ms`);

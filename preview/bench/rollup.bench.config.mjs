// Bundles the benchmark page (npm run bench) to preview/dist/bench: the preview's plugins (Apex transport, Salesforce
// modules, LWC) plus the bench-only components of preview/bench/modules (namespace `bench`). Build the preview first
// (it compiles the backend and copies the SLDS assets this page shares).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import lwc from '@lwc/rollup-plugin';
import previewConfig, { findLwcModules } from '../rollup.config.mjs';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BENCH = path.join(ROOT, 'preview', 'bench');
const OUT = path.join(ROOT, 'preview', 'dist', 'bench');
const sfdxProject = JSON.parse(fs.readFileSync(path.join(ROOT, 'sfdx-project.json'), 'utf8'));

const reused = previewConfig.plugins.filter(
  (plugin) =>
    plugin && !['compile-preview-backend', 'preview-static-files'].includes(plugin.name) && !/lwc/i.test(plugin.name),
);

export default {
  input: path.join(BENCH, 'main.js'),
  output: { file: path.join(OUT, 'bench.js'), format: 'esm', inlineDynamicImports: true },
  plugins: [
    ...reused,
    lwc({
      rootDir: BENCH,
      modules: [...findLwcModules(), { dir: path.join(BENCH, 'modules') }, { npm: 'lightning-base-components' }],
      enableDynamicComponents: true,
      apiVersion: Math.floor(Number(sfdxProject.sourceApiVersion)),
    }),
    {
      name: 'bench-static-files',
      writeBundle() {
        fs.copyFileSync(path.join(BENCH, 'index.html'), path.join(OUT, 'index.html'));
        fs.copyFileSync(
          path.join(ROOT, 'force-app', 'main', 'mapping', 'staticresources', 'papaparse.js'),
          path.join(OUT, 'papaparse.js'),
        );
      },
    },
  ],
  onwarn: previewConfig.onwarn,
};

// Rollup plugin: Salesforce-only modules for the local preview (no org). Every other module,
// including lightning-base-components' own `@salesforce/label|i18n|gate/*`, resolves as usual.
//   @salesforce/apex/<Class>.<method>  -> calls the preview backend (preview/src/apexTransport.js)
//   @salesforce/apex                   -> refreshApex, getSObjectValue
//   @salesforce/label/c.<Name>         -> the value from the package's CustomLabels, else the name
//   @salesforce/schema/<Object>[.<Field>]
//   @salesforce/user/Id, @salesforce/user/isGuest
//   @salesforce/userPermission/*, @salesforce/customPermission/* -> true (the preview user is an admin)
//   @salesforce/resourceUrl/<name>     -> /resources/<file> (the package's static resources, copied next to the bundle)
//   lightning/platformShowToastEvent, lightning/navigation, lightning/platformResourceLoader -> preview/src/platform/*.js
import fs from 'node:fs';
import path from 'node:path';
import { XMLParser } from 'fast-xml-parser';

const VIRTUAL = '\0sf:';

/**
 * lightning-base-components gates turned off in the preview. enableComboboxElementInternals makes
 * lightning-combobox call attachInternals(), which LWC refuses under synthetic shadow (the preview's mode, as
 * on the platform) unless the component is registered with enableSyntheticElementInternals.
 */
const GATES_OFF = new Set(['@salesforce/gate/bc.260.enableComboboxElementInternals']);

/** Custom label values from every `labels/*.labels-meta.xml` under the package directories. */
export function readCustomLabels(packageDirs) {
  const labels = new Map();
  const parser = new XMLParser({ isArray: (name) => name === 'labels' });
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory() && entry.name !== 'node_modules' && !entry.name.startsWith('.')) walk(full);
      else if (entry.isFile() && entry.name.endsWith('.labels-meta.xml')) {
        const xml = parser.parse(fs.readFileSync(full, 'utf8'));
        for (const label of xml?.CustomLabels?.labels ?? [])
          labels.set(String(label.fullName), String(label.value ?? ''));
      }
    }
  };
  for (const dir of packageDirs) if (fs.existsSync(dir)) walk(dir);
  return labels;
}

/** Static resources (`staticresources/<name>.<ext>` or a folder `<name>`, with `<name>.resource-meta.xml`). */
export function findStaticResources(packageDirs) {
  const resources = new Map();
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (!entry.isDirectory() || entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
      if (entry.name !== 'staticresources') {
        walk(full);
        continue;
      }
      for (const meta of fs.readdirSync(full).filter((file) => file.endsWith('.resource-meta.xml'))) {
        const name = meta.slice(0, -'.resource-meta.xml'.length);
        const file = fs.readdirSync(full).find((f) => f !== meta && (f === name || f.startsWith(`${name}.`)));
        if (file) resources.set(name, { file, path: path.join(full, file) });
      }
    }
  };
  for (const dir of packageDirs) if (fs.existsSync(dir)) walk(dir);
  return resources;
}

export function salesforceModules({ packageDirs, transportPath, platformDir }) {
  let labels = new Map();
  const transport = JSON.stringify(transportPath);
  const files = {
    'lightning/platformShowToastEvent': path.join(platformDir, 'platformShowToastEvent.js'),
    'lightning/navigation': path.join(platformDir, 'navigation.js'),
    'lightning/platformResourceLoader': path.join(platformDir, 'platformResourceLoader.js'),
  };
  let resources = new Map();
  const isVirtual = (id) =>
    id === '@salesforce/apex' ||
    id.startsWith('@salesforce/apex/') ||
    id.startsWith('@salesforce/label/c.') ||
    id.startsWith('@salesforce/schema/') ||
    id.startsWith('@salesforce/resourceUrl/') ||
    GATES_OFF.has(id) ||
    id === '@salesforce/user/Id' ||
    id === '@salesforce/user/isGuest' ||
    id.startsWith('@salesforce/userPermission/') ||
    id.startsWith('@salesforce/customPermission/');

  return {
    name: 'salesforce-modules',
    buildStart() {
      labels = readCustomLabels(packageDirs);
      resources = findStaticResources(packageDirs);
    },
    writeBundle(options) {
      // The static resources next to the bundle, at /resources/<file> (what @salesforce/resourceUrl/<name> returns).
      const out = path.join(options.dir ?? path.dirname(options.file), 'resources');
      fs.rmSync(out, { recursive: true, force: true });
      fs.mkdirSync(out, { recursive: true });
      for (const resource of resources.values()) {
        fs.cpSync(resource.path, path.join(out, resource.file), { recursive: true });
      }
    },
    resolveId(id) {
      if (files[id]) return files[id];
      return isVirtual(id) ? VIRTUAL + id : null;
    },
    load(id) {
      if (!id.startsWith(VIRTUAL)) return null;
      const name = id.slice(VIRTUAL.length);
      if (name === '@salesforce/apex') {
        return `export { refreshApex } from ${transport};
export function getSObjectValue(record, field) {
  const path = typeof field === 'string' ? field.split('.').slice(1) : field.fieldApiName.split('.');
  return path.reduce((value, key) => (value == null ? undefined : value[key]), record);
}`;
      }
      if (name.startsWith('@salesforce/apex/')) {
        const method = name.slice('@salesforce/apex/'.length);
        if (!/^\w+\.\w+$/.test(method)) this.error(`Not an Apex method import: ${name}`);
        return `import { invokeApex, createApexWireAdapter } from ${transport};
const apexMethod = (params) => invokeApex(${JSON.stringify(method)}, params);
apexMethod.adapter = createApexWireAdapter(${JSON.stringify(method)});
export default apexMethod;`;
      }
      if (name.startsWith('@salesforce/label/c.')) {
        const key = name.slice('@salesforce/label/c.'.length);
        if (!labels.has(key))
          this.warn(`No custom label ${key} in the package directories: the preview shows its name.`);
        return `export default ${JSON.stringify(labels.get(key) ?? `c.${key}`)};`;
      }
      if (name.startsWith('@salesforce/schema/')) {
        const [objectApiName, ...field] = name.slice('@salesforce/schema/'.length).split('.');
        const value = field.length ? { objectApiName, fieldApiName: field.join('.') } : { objectApiName };
        return `export default ${JSON.stringify(value)};`;
      }
      if (GATES_OFF.has(name)) return 'export default { isOpen: () => false };';
      if (name.startsWith('@salesforce/resourceUrl/')) {
        const key = name.slice('@salesforce/resourceUrl/'.length);
        const resource = resources.get(key);
        if (!resource) this.error(`No static resource ${key} in the package directories.`);
        return `export default ${JSON.stringify(`/resources/${resource.file}`)};`;
      }
      if (name === '@salesforce/user/Id') return `export { currentUserId as default } from ${transport};`;
      if (name === '@salesforce/user/isGuest') return 'export default false;';
      return 'export default true;'; // user and custom permissions
    },
  };
}

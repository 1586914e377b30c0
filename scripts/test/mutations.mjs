// Mutation suite: proves the offline verification FAILS on the faults it claims to catch.
//
// For each mutation: copy the project to a temporary folder (node_modules symlinked, build output left out),
// inject ONE known fault, run only the verification stage(s) that should catch it
// (`node scripts/test/run-all.mjs --only <stages>`), and assert that the run fails AND prints the expected
// message naming the mutated file. Mutations run one after the other (2 shared cores). Targets are discovered
// in the current code (the first static SOQL of a non-test class, the first Apex method an LWC imports...), so
// the suite keeps working as features are added; when no target exists, a mutation adds its own fault.
//
//   npm run test:mutations                       all mutations
//   node scripts/test/mutations.mjs --list       list them
//   node scripts/test/mutations.mjs --only soql-unknown-field,apex-syntax-error
//   node scripts/test/mutations.mjs --keep       keep the temporary copies (for debugging)
//   node scripts/test/mutations.mjs --json=.verify/mutations.json   also write {passed, failed, results}
//
// Ends with the line "N passed, N failed"; exit code 1 when a mutation was not caught.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as A from '@apexdevtools/apex-parser';
import ts from 'typescript';
import { allClassesOf, hasAnnotation, kid, kids, loadApexModel, walk } from '../verify/lib/apex-model.mjs';
import { findQueries } from '../verify/soql-schema.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
/** Left out of the copies: dependencies (symlinked instead), VCS, caches and build output the stages rebuild. */
const EXCLUDED = new Set([
  'node_modules',
  '.git',
  'coverage',
  '.verify',
  'preview/dist',
  'preview/.build',
  'test-results',
  '.sf',
  '.sfdx',
]);
const STAGE_TIMEOUT_MS = 6 * 60_000;

// ---------------------------------------------------------------------------------------------------------
// A mutable copy of the project

class ProjectCopy {
  constructor(dir) {
    this.dir = dir;
    this._model = null;
  }

  abs(relPath) {
    return path.join(this.dir, relPath);
  }

  read(relPath) {
    return fs.readFileSync(this.abs(relPath), 'utf8');
  }

  write(relPath, text) {
    fs.mkdirSync(path.dirname(this.abs(relPath)), { recursive: true });
    fs.writeFileSync(this.abs(relPath), text);
  }

  remove(relPath) {
    fs.rmSync(this.abs(relPath), { force: true });
  }

  exists(relPath) {
    return fs.existsSync(this.abs(relPath));
  }

  /** Apex model of the copy (parsed once, before any change). */
  get model() {
    this._model ??= loadApexModel(this.dir);
    return this._model;
  }

  /** Replaces the characters [start, stop] (inclusive, as ANTLR tokens report them) of a file. */
  splice(relPath, start, stop, replacement) {
    const text = this.read(relPath);
    this.write(relPath, text.slice(0, start) + replacement + text.slice(stop + 1));
  }

  /** Inserts a member before the closing brace of the file's top-level class. */
  insertMember(relPath, member) {
    const text = this.read(relPath);
    const end = text.lastIndexOf('}');
    this.write(relPath, `${text.slice(0, end)}\n${member}\n${text.slice(end)}`);
  }

  /** Files under the package directories matching a test. */
  files(test) {
    const out = [];
    const walk = (dir) => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(full);
        else if (test(full)) out.push(path.relative(this.dir, full).split(path.sep).join('/'));
      }
    };
    for (const pkg of ['force-app', 'dev-app']) if (fs.existsSync(this.abs(pkg))) walk(this.abs(pkg));
    return out.sort();
  }
}

function copyProject(source) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccus-mutation-'));
  fs.cpSync(source, dir, {
    recursive: true,
    filter: (src) => {
      const relPath = path.relative(source, src).split(path.sep).join('/');
      return !relPath || ![...EXCLUDED].some((excluded) => relPath === excluded || relPath.startsWith(`${excluded}/`));
    },
  });
  fs.symlinkSync(path.join(source, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  return new ProjectCopy(dir);
}

// ---------------------------------------------------------------------------------------------------------
// Target discovery

/** Non-test Apex classes of the packaged directory, in file order. */
function productionClasses(copy) {
  return copy.model.topLevelClasses().filter((c) => !c.isTest && c.file.packaged && c.kind === 'class');
}

/** The first static SOQL query of a non-test class, with its file. */
function firstStaticQuery(copy) {
  for (const cls of productionClasses(copy)) {
    const found = findQueries(copy.model, cls.file);
    const query = found.static.find(Boolean);
    if (query) return { file: cls.file, query };
  }
  return null;
}

/** The Apex method an LWC (non-test .ts) imports, with the import's details. */
function lwcApexImports(copy) {
  const imports = [];
  for (const file of copy.files(
    (f) => f.endsWith('.ts') && f.includes('/lwc/') && !f.includes('__tests__') && !f.endsWith('.d.ts'),
  )) {
    const text = copy.read(file);
    for (const match of text.matchAll(/import\s+(\w+)\s+from\s+'@salesforce\/apex\/(\w+)\.(\w+)';/g)) {
      const [statement, localName, className, methodName] = match;
      const cls = copy.model.topLevelClasses().find((c) => c.name === className);
      const method = cls?.methods.find((m) => m.name === methodName);
      if (method) imports.push({ file, text, statement, localName, className, methodName, cls, method });
    }
  }
  return imports;
}

const isCacheable = (method) =>
  /cacheable\s*=\s*true/i.test(method.annotations.find((a) => a.lower === 'auraenabled')?.node?.getText() ?? '');

/** Inserts a class member right after `export default class X extends LightningElement {` of an LWC .ts. */
function insertLwcMember(copy, file, member) {
  const text = copy.read(file);
  const match = /export\s+default\s+class\s+\w+\s+extends\s+[\w.]+\s*(<[^>]*>)?\s*\{/.exec(text);
  if (!match) return false;
  const at = match.index + match[0].length;
  copy.write(file, `${text.slice(0, at)}\n  ${member}\n${text.slice(at)}`);
  return true;
}

/** Adds a named import from 'lwc' (wire, api, track) when missing. */
function ensureLwcImport(copy, file, name) {
  const text = copy.read(file);
  const match = /import\s*\{([^}]*)\}\s*from\s*'lwc';/.exec(text);
  if (!match) {
    copy.write(file, `import { ${name} } from 'lwc';\n${text}`);
    return;
  }
  const names = match[1]
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (names.includes(name)) return;
  copy.write(file, text.replace(match[0], `import { ${[...names, name].join(', ')} } from 'lwc';`));
}

/** The admin permission set file. */
function adminPermissionSet(copy) {
  return copy.files((f) => f.endsWith('Contact_Center_User_Sync_Admin.permissionset-meta.xml'))[0] ?? null;
}

// ---------------------------------------------------------------------------------------------------------
// The mutations. apply(copy) returns { description, expect } or { skip }.
// expect: [{ line: [fragment, ...] }] = one output line holds every fragment (file:line: message);
//         [{ any: fragment }]         = the fragment appears somewhere in the output.

const MUTATIONS = [
  {
    id: 'soql-unknown-field',
    issue: 6,
    title: 'unknown field in a static SOQL query',
    stages: ['soql-schema'],
    apply(copy) {
      const target = firstStaticQuery(copy);
      if (!target) return { skip: 'no static SOQL in a non-test class' };
      const entry =
        kids(kid(target.query, A.SelectListContext), A.SelectEntryContext).find((e) => {
          const field = kid(e, A.FieldNameContext);
          return field && kids(field, A.SoqlIdContext).length === 1 && field.getText().toLowerCase() !== 'id';
        }) ?? kids(kid(target.query, A.SelectListContext), A.SelectEntryContext)[0];
      const field = kid(entry, A.FieldNameContext) ?? entry;
      const name = `${field.getText().split('.').pop()}x`;
      const token = field.stop;
      copy.splice(target.file.rel, token.start, token.stop, name);
      return {
        description: `${target.file.rel}:${token.line}: ${field.getText()} -> ${name}`,
        expect: [{ line: [target.file.rel, `unknown field '${name}'`] }],
      };
    },
  },
  {
    id: 'soql-unknown-relationship',
    issue: 6,
    title: 'unknown relationship in a static SOQL query',
    stages: ['soql-schema'],
    apply(copy) {
      const target = firstStaticQuery(copy);
      if (!target) return { skip: 'no static SOQL in a non-test class' };
      const entry = kids(kid(target.query, A.SelectListContext), A.SelectEntryContext)[0];
      copy.splice(target.file.rel, entry.stop.stop + 1, entry.stop.stop, ', CreatedBee.Name');
      return {
        description: `${target.file.rel}:${entry.start.line}: added CreatedBee.Name to the select list`,
        expect: [{ line: [target.file.rel, "unknown relationship 'CreatedBee'"] }],
      };
    },
  },
  {
    id: 'soql-dynamic-unknown-field',
    issue: 6,
    title: 'unknown field in the dynamic SOQL on CallCenterRoutingMap',
    stages: ['soql-schema'],
    apply(copy) {
      for (const cls of productionClasses(copy)) {
        // A string literal of the code (not a comment) holding the dynamic query's FROM ... WHERE.
        let literal = null;
        walk(cls.file.tree, (n) => {
          if (!literal && n instanceof A.LiteralContext && /FROM CallCenterRoutingMap WHERE /.test(n.getText()))
            literal = n;
          return !literal;
        });
        if (!literal) continue;
        const text = cls.file.source;
        const at =
          literal.start.start +
          literal.getText().indexOf('FROM CallCenterRoutingMap WHERE ') +
          'FROM CallCenterRoutingMap WHERE '.length;
        copy.write(cls.file.rel, `${text.slice(0, at)}ExternalIdd != null AND ${text.slice(at)}`);
        return {
          description: `${cls.file.rel}:${literal.start.line}: WHERE ExternalIdd != null in a dynamic query string`,
          expect: [{ line: [cls.file.rel, "unknown field 'ExternalIdd' on CallCenterRoutingMap"] }],
        };
      }
      return { skip: "no dynamic 'FROM CallCenterRoutingMap WHERE' query string" };
    },
  },
  {
    id: 'contract-renamed-parameter',
    issue: 6,
    title: 'Apex parameter renamed while an LWC still sends the old name',
    stages: ['apex-contracts'],
    apply(copy) {
      const imports = lwcApexImports(copy);
      for (const imp of imports) {
        const call = new RegExp(
          `(?:\\b${imp.localName}\\(\\s*\\{|@wire\\(\\s*${imp.localName}\\s*,\\s*\\{)\\s*(\\w+)`,
        ).exec(imp.text);
        const param = call && imp.method.params.find((p) => p.name === call[1]);
        if (!param) continue;
        const node = imp.method.node;
        const apexText = copy.read(imp.cls.file.rel);
        const methodText = apexText.slice(node.start.start, node.stop.stop + 1);
        const renamed = methodText.replace(new RegExp(`\\b${param.name}\\b`, 'g'), `${param.name}Renamed`);
        copy.splice(imp.cls.file.rel, node.start.start, node.stop.stop, renamed);
        return {
          description: `${imp.cls.file.rel}: ${imp.className}.${imp.methodName}(${param.name}) -> ${param.name}Renamed; ${imp.file} still sends '${param.name}'`,
          expect: [{ line: [imp.file, `passes '${param.name}'`] }],
        };
      }
      // No call site sends parameters yet: give the first imported method a parameter under another name than the
      // one the LWC sends (what a rename leaves behind).
      for (const imp of imports) {
        const call = new RegExp(`\\b${imp.localName}\\(\\s*\\)`).exec(imp.text);
        if (!call) continue;
        const node = kid(imp.method.node, A.FormalParametersContext);
        copy.splice(
          imp.cls.file.rel,
          node.start.start,
          node.stop.stop,
          node.getText() === '()' ? '(String scopeRenamed)' : node.getText().replace('(', '(String scopeRenamed, '),
        );
        copy.write(imp.file, imp.text.replace(call[0], `${imp.localName}({ scope: 'all' })`));
        return {
          description: `${imp.cls.file.rel}: ${imp.methodName} gets parameter scopeRenamed; ${imp.file} sends 'scope'`,
          expect: [{ line: [imp.file, "passes 'scope'"] }],
        };
      }
      return { skip: 'no LWC calls an Apex method' };
    },
  },
  {
    id: 'contract-removed-auraenabled',
    issue: 6,
    title: '@AuraEnabled removed from a method an LWC imports',
    stages: ['apex-contracts'],
    apply(copy) {
      const imp = lwcApexImports(copy).find((i) => hasAnnotation(i.method, 'AuraEnabled'));
      if (!imp) return { skip: 'no LWC imports an @AuraEnabled method' };
      const annotation = imp.method.annotations.find((a) => a.lower === 'auraenabled').node;
      copy.splice(imp.cls.file.rel, annotation.start.start, annotation.stop.stop, '');
      return {
        description: `${imp.cls.file.rel}:${annotation.start.line}: removed ${annotation.getText()} from ${imp.methodName}`,
        expect: [{ line: [imp.file, 'is not @AuraEnabled'] }],
      };
    },
  },
  {
    id: 'contract-wire-not-cacheable',
    issue: 6,
    title: '@wire on a method that is not cacheable=true',
    stages: ['apex-contracts'],
    apply(copy) {
      const imports = lwcApexImports(copy);
      const plain = imports.find((i) => !isCacheable(i.method));
      if (plain) {
        ensureLwcImport(copy, plain.file, 'wire');
        if (!insertLwcMember(copy, plain.file, `@wire(${plain.localName}) mutationWired?: unknown;`))
          return { skip: `no component class in ${plain.file}` };
        return {
          description: `${plain.file}: @wire(${plain.localName}) on ${plain.className}.${plain.methodName} (not cacheable)`,
          expect: [{ line: [plain.file, 'cacheable=true'] }],
        };
      }
      const wired = imports.find((i) => new RegExp(`@wire\\(\\s*${i.localName}\\b`).test(i.text));
      if (!wired) return { skip: 'no LWC imports an Apex method' };
      const annotation = wired.method.annotations.find((a) => a.lower === 'auraenabled').node;
      copy.splice(wired.cls.file.rel, annotation.start.start, annotation.stop.stop, '@AuraEnabled');
      return {
        description: `${wired.cls.file.rel}: cacheable=true removed from ${wired.methodName}, which ${wired.file} wires`,
        expect: [{ line: [wired.file, 'cacheable=true'] }],
      };
    },
  },
  {
    id: 'permission-ungranted-field',
    issue: 6,
    title: 'new custom field the admin permission set does not grant',
    stages: ['permission-coverage'],
    apply(copy) {
      const ps = adminPermissionSet(copy);
      if (!ps) return { skip: 'no admin permission set' };
      const file = 'force-app/main/shared/objects/User/fields/Mutation_Probe__c.field-meta.xml';
      copy.write(
        file,
        `<?xml version="1.0" encoding="UTF-8"?>
<CustomField xmlns="http://soap.sforce.com/2006/04/metadata">
    <fullName>Mutation_Probe__c</fullName>
    <label>Mutation Probe</label>
    <length>40</length>
    <required>false</required>
    <type>Text</type>
</CustomField>
`,
      );
      return { description: `added ${file}`, expect: [{ line: [ps, 'User.Mutation_Probe__c'] }] };
    },
  },
  {
    id: 'class-without-meta',
    issue: 6,
    title: 'Apex class without its -meta.xml',
    stages: ['metadata-convert'],
    apply(copy) {
      const cls = productionClasses(copy).find((c) => copy.exists(`${c.file.rel}-meta.xml`));
      if (!cls) return { skip: 'no class with a meta file' };
      copy.remove(`${cls.file.rel}-meta.xml`);
      return { description: `removed ${cls.file.rel}-meta.xml`, expect: [{ line: [cls.file.rel] }] };
    },
  },
  {
    id: 'apex-syntax-error',
    issue: 6,
    title: 'Apex syntax error',
    stages: ['apex-format'],
    apply(copy) {
      const cls = productionClasses(copy)[0];
      if (!cls) return { skip: 'no Apex class' };
      const text = copy.read(cls.file.rel);
      const end = text.lastIndexOf('}');
      copy.write(cls.file.rel, text.slice(0, end) + text.slice(end + 1));
      return {
        description: `${cls.file.rel}: removed the class's closing brace`,
        expect: [{ line: [cls.file.rel, 'syntax error'] }],
      };
    },
  },
  {
    id: 'apex-unknown-user-field',
    issue: 6,
    title: 'unknown User field in Apex code',
    stages: ['apex-semantics'],
    apply(copy) {
      const cls = productionClasses(copy)[0];
      if (!cls) return { skip: 'no Apex class' };
      copy.insertMember(
        cls.file.rel,
        '    private static Object mutationProbeField(User agent) {\n        return agent.CallCenterIdx;\n    }',
      );
      return {
        description: `${cls.file.rel}: added a method reading User.CallCenterIdx`,
        expect: [{ line: [cls.file.rel, 'CallCenterIdx'] }],
      };
    },
  },
  {
    id: 'apex-crud-violation',
    issue: 6,
    title: 'CRUD violation in an @AuraEnabled method',
    stages: ['code-analyzer'],
    apply(copy) {
      const cls = productionClasses(copy).find((c) =>
        allClassesOf(c).some((k) => k.methods.some((m) => hasAnnotation(m, 'AuraEnabled'))),
      );
      if (!cls) return { skip: 'no class with an @AuraEnabled method' };
      copy.insertMember(
        cls.file.rel,
        [
          '    /**',
          '     * Mutation probe: reads users in system mode without a CRUD check.',
          '     * @return users',
          '     */',
          '    @AuraEnabled',
          '    public static List<User> mutationProbeUsers() {',
          '        return [SELECT Id, Name FROM User LIMIT 10];',
          '    }',
        ].join('\n'),
      );
      return {
        description: `${cls.file.rel}: added @AuraEnabled mutationProbeUsers() with a system-mode query`,
        expect: [{ line: [cls.file.rel, 'CRUD'] }],
      };
    },
  },
  {
    id: 'lwc-misspelled-apex-method',
    issue: 2,
    title: 'misspelled Apex method imported in an LWC',
    stages: ['apex-contracts'],
    apply(copy) {
      const imp = lwcApexImports(copy)[0];
      if (!imp) return { skip: 'no LWC imports an Apex method' };
      const misspelled = `${imp.methodName}s`;
      copy.write(
        imp.file,
        imp.text.replace(
          `@salesforce/apex/${imp.className}.${imp.methodName}'`,
          `@salesforce/apex/${imp.className}.${misspelled}'`,
        ),
      );
      return {
        description: `${imp.file}: imports ${imp.className}.${misspelled}`,
        expect: [{ line: [imp.file, `has no method '${misspelled}'`] }],
      };
    },
  },
  {
    id: 'lwc-decorator-misuse',
    issue: 2,
    title: 'LWC decorator misuse (@api on a property named on*)',
    stages: ['build', 'lwc-compile'],
    apply(copy) {
      const file = copy.files(
        (f) => /\/lwc\/(\w+)\/\1\.ts$/.test(f) && /export\s+default\s+class/.test(fs.readFileSync(f, 'utf8')),
      )[0];
      if (!file) return { skip: 'no LWC component' };
      ensureLwcImport(copy, file, 'api');
      insertLwcMember(copy, file, "@api onmutationprobe = '';");
      return {
        description: `${file}: @api onmutationprobe`,
        expect: [{ line: [file.replace(/\.ts$/, ''), 'onmutationprobe'] }],
      };
    },
  },
  {
    id: 'ts-type-error',
    issue: 2,
    title: 'TypeScript type error in an LWC',
    stages: ['typecheck'],
    apply(copy) {
      const file = copy.files((f) => /\/lwc\/(\w+)\/\1\.ts$/.test(f))[0];
      if (!file) return { skip: 'no LWC .ts' };
      copy.write(file, `${copy.read(file)}\nexport const mutationProbe: number = 'not a number';\n`);
      return { description: `${file}: assigns a string to a number`, expect: [{ line: [file, 'TS2322'] }] };
    },
  },
  {
    id: 'jest-failing-assertion',
    issue: 2,
    title: 'failing Jest assertion',
    stages: ['jest'],
    apply(copy) {
      const file = copy.files((f) => /__tests__\/[^/]+\.test\.ts$/.test(f))[0];
      if (!file) return { skip: 'no Jest test' };
      copy.write(
        file,
        `${copy.read(file)}\nit('mutation probe: this assertion must fail', () => {\n  expect(1 + 1).toBe(3);\n});\n`,
      );
      return {
        description: `${file}: added a failing test`,
        expect: [{ any: file }, { any: 'mutation probe: this assertion must fail' }],
      };
    },
  },
  {
    id: 'preview-broken-page',
    issue: 2,
    title: 'broken preview page (a preview backend method throws)',
    stages: ['e2e'],
    apply(copy) {
      const dir = copy.abs('preview/backend');
      const files = fs.existsSync(dir)
        ? fs
            .readdirSync(dir)
            .filter((f) => f.endsWith('.ts'))
            .map((f) => `preview/backend/${f}`)
        : [];
      for (const file of files) {
        const text = copy.read(file);
        const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
        let target = null;
        const visit = (node) => {
          if (
            !target &&
            ts.isPropertyAssignment(node) &&
            ts.isStringLiteral(node.name) &&
            /^\w+\.\w+$/.test(node.name.text)
          )
            target = node;
          ts.forEachChild(node, visit);
        };
        visit(sf);
        if (!target) continue;
        const init = target.initializer;
        // Keeps the original referenced (noUnusedLocals) and type-correct: the page gets an error instead of data.
        const broken = `((original: unknown) => (): never => {\n    throw new Error(\`mutation probe: broken preview (\${typeof original})\`);\n  })(${init.getText(sf)})`;
        copy.write(file, text.slice(0, init.getStart(sf)) + broken + text.slice(init.getEnd()));
        return {
          description: `${file}: '${target.name.text}' throws`,
          expect: [{ any: 'e2e: FAILED' }, { any: 'mutation probe: broken preview' }],
        };
      }
      return { skip: 'no preview backend keyed by Class.method' };
    },
  },
];

// ---------------------------------------------------------------------------------------------------------

function runStages(dir, stages) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['scripts/test/run-all.mjs', '--only', stages.join(',')], {
      cwd: dir,
      env: { ...process.env, FORCE_COLOR: '0', CCUS_MUTATION: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const timer = setTimeout(() => {
      output += `\n[mutations] stage run exceeded ${STAGE_TIMEOUT_MS / 1000} s: killed\n`;
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
    }, STAGE_TIMEOUT_MS);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? 1, output });
    });
  });
}

function checkExpectations(output, expect) {
  const lines = output.split('\n');
  const missing = [];
  for (const expectation of expect) {
    if (expectation.any !== undefined) {
      if (!output.includes(expectation.any)) missing.push(expectation.any);
    } else if (!lines.some((line) => expectation.line.every((fragment) => line.includes(fragment)))) {
      missing.push(expectation.line.join(' ... '));
    }
  }
  return missing;
}

function parseArgs(argv) {
  const value = (name) => {
    const arg = argv.find((a) => a === `--${name}` || a.startsWith(`--${name}=`));
    if (!arg) return undefined;
    return arg.includes('=') ? arg.split('=').slice(1).join('=') : argv[argv.indexOf(arg) + 1];
  };
  return {
    only: value('only')?.split(',') ?? null,
    list: argv.includes('--list'),
    keep: argv.includes('--keep'),
    json: value('json'),
  };
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  if (args.list) {
    for (const m of MUTATIONS) console.log(`${m.id.padEnd(30)} issue ${m.issue}  [${m.stages.join(',')}]  ${m.title}`);
    return;
  }
  const unknown = (args.only ?? []).filter((id) => !MUTATIONS.some((m) => m.id === id));
  if (unknown.length) {
    console.error(`Unknown mutation(s): ${unknown.join(', ')}`);
    process.exit(2);
  }
  const selected = MUTATIONS.filter((m) => !args.only || args.only.includes(m.id));
  const started = Date.now();
  const results = [];
  for (const mutation of selected) {
    const t0 = Date.now();
    const copy = copyProject(ROOT);
    let result;
    try {
      const applied = mutation.apply(copy);
      if (applied.skip) {
        result = { id: mutation.id, stages: mutation.stages, status: 'skipped', detail: applied.skip };
      } else {
        const { code, output } = await runStages(copy.dir, mutation.stages);
        const missing = checkExpectations(output, applied.expect);
        const caught = code !== 0 && missing.length === 0;
        result = {
          id: mutation.id,
          stages: mutation.stages,
          status: caught ? 'caught' : 'NOT CAUGHT',
          detail: caught
            ? applied.description
            : `${applied.description}; ${code === 0 ? 'the stages passed' : `exit ${code}`}${missing.length ? `; missing in output: ${missing.join(' | ')}` : ''}`,
          output: caught ? undefined : output.split('\n').slice(-40).join('\n'),
        };
      }
    } catch (error) {
      result = { id: mutation.id, stages: mutation.stages, status: 'ERROR', detail: String(error?.stack ?? error) };
    } finally {
      if (!args.keep) fs.rmSync(copy.dir, { recursive: true, force: true });
      else console.log(`[mutations] kept ${copy.dir}`);
    }
    result.seconds = ((Date.now() - t0) / 1000).toFixed(1);
    results.push(result);
    console.log(
      `${result.status === 'caught' ? '✓' : result.status === 'skipped' ? '-' : '✗'} ${mutation.id.padEnd(30)} ${result.status.padEnd(10)} ${String(result.seconds).padStart(6)} s  [${mutation.stages.join(',')}] ${result.detail}`,
    );
    if (result.output) console.log(result.output.replace(/^/gm, '    | '));
  }
  const passed = results.filter((r) => r.status === 'caught').length;
  const skipped = results.filter((r) => r.status === 'skipped').length;
  const failed = results.length - passed - skipped;
  console.log(`\nMutation                       Result     Seconds  Stages`);
  for (const r of results)
    console.log(`${r.id.padEnd(30)} ${r.status.padEnd(10)} ${String(r.seconds).padStart(7)}  ${r.stages.join(',')}`);
  console.log(
    `Total time ${((Date.now() - started) / 1000).toFixed(1)} s${skipped ? `; ${skipped} skipped (no target in the current code)` : ''}`,
  );
  if (args.json) {
    fs.mkdirSync(path.dirname(path.resolve(args.json)), { recursive: true });
    fs.writeFileSync(
      args.json,
      JSON.stringify({ passed, failed, skipped, results: results.map(({ output, ...r }) => r) }, null, 2),
    );
  }
  console.log(`${passed} passed, ${failed} failed`);
  process.exitCode = failed > 0 ? 1 : 0;
}

main().catch((error) => {
  console.error(error);
  console.log('0 passed, 1 failed');
  process.exit(1);
});

// A light model of this project's Apex source, built with @apexdevtools/apex-parser (an ANTLR grammar of
// Apex including SOQL): classes (nested too), their annotations, fields, properties, methods, parameters,
// enums, triggers, and a constant folder that evaluates string expressions built from literals and
// constants (`'SELECT Id ' + 'FROM User'`, `Outer.CONSTANT`, `String.join(new List<String>{...}, ', ')`).
//
// Shared by the soql-schema, apex-contracts and permission-coverage checks. Not a compiler: names are
// resolved the way the code in this project uses them (same class, outer classes, `Class.MEMBER`).
import fs from 'node:fs';
import * as A from '@apexdevtools/apex-parser';
import { packageFiles, rel } from './verify-common.mjs';

export const APEX_FILE = /\.(cls|trigger)$/;

/** Collects syntax errors from the lexer and parser. */
class CollectingErrorListener extends A.ApexErrorListener {
  constructor() {
    super();
    this.errors = [];
  }
  apexSyntaxError(line, column, message) {
    this.errors.push({ line, column: column + 1, message });
  }
}

/**
 * Parses Apex (or a raw SOQL query with entry 'query'). SLL prediction first (fast), full LL when SLL
 * reports errors, so errors are real ones.
 * @returns {{tree: any, errors: {line: number, column: number, message: string}[]}}
 */
export function parseApex(source, entry = 'compilationUnit') {
  const attempt = (sll) => {
    const listener = new CollectingErrorListener();
    const { parser } = A.ApexParserFactory.createLexerAndParser(source, listener);
    if (sll && parser._interp) parser._interp.predictionMode = 0; // PredictionMode.SLL
    const tree = parser[entry]();
    return { tree, errors: listener.errors };
  };
  const fast = attempt(true);
  return fast.errors.length === 0 ? fast : attempt(false);
}

// ---------------------------------------------------------------------------------------------------------
// Tree helpers

export const ctx = A;
export const isTerminal = (node) => node && !node.children && node.symbol !== undefined;
export const childrenOf = (node) => node?.children ?? [];
export const kids = (node, Type) => childrenOf(node).filter((c) => c instanceof Type);
export const kid = (node, Type) => childrenOf(node).find((c) => c instanceof Type);
export const tokenTexts = (node) =>
  childrenOf(node)
    .filter(isTerminal)
    .map((t) => t.getText());

/** Depth-first walk; `visit` returns false to skip a subtree. */
export function walk(node, visit, parent = null) {
  if (!node) return;
  if (visit(node, parent) === false) return;
  for (const child of childrenOf(node)) walk(child, visit, node);
}

/** Every descendant of a type (not descending into matches). */
export function findAll(node, Type, { skip = [] } = {}) {
  const out = [];
  walk(node, (n) => {
    if (n !== node && skip.some((S) => n instanceof S)) return false;
    if (n instanceof Type) {
      out.push(n);
      return false;
    }
    return true;
  });
  return out;
}

/** 1-based line of a node's first token. */
export const lineOfNode = (node) => node?.start?.line ?? node?.symbol?.line ?? 1;

/** The original source text of a node (with its whitespace). */
export function sourceText(source, node) {
  const start = node?.start?.start ?? node?.symbol?.start;
  const stop = node?.stop?.stop ?? node?.symbol?.stop;
  if (start === undefined || stop === undefined || stop < start) return node?.getText?.() ?? '';
  return source.slice(start, stop + 1);
}

/** Unescapes an Apex string literal token text ('...'). */
export function unescapeApexString(text) {
  const body = text.slice(1, -1);
  return body.replace(/\\(u[0-9a-fA-F]{4}|.)/g, (_, c) => {
    if (c[0] === 'u' && c.length === 5) return String.fromCharCode(parseInt(c.slice(1), 16));
    return { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f' }[c] ?? c;
  });
}

// ---------------------------------------------------------------------------------------------------------
// Types

/**
 * Parses an Apex type text ("List<Foo.Bar>", "Map<String, Integer>", "String[]") into
 * {name, args, text}; arrays become List<...>.
 */
export function parseTypeText(text) {
  let i = 0;
  const s = text.replace(/\s+/g, '');
  const parse = () => {
    let name = '';
    while (i < s.length && /[\w.]/.test(s[i])) name += s[i++];
    const args = [];
    if (s[i] === '<') {
      i++;
      args.push(parse());
      while (s[i] === ',') {
        i++;
        args.push(parse());
      }
      if (s[i] === '>') i++;
    }
    let type = { name, args };
    while (s[i] === '[' && s[i + 1] === ']') {
      i += 2;
      type = { name: 'List', args: [type] };
    }
    return type;
  };
  const type = parse();
  return withText(type);
}

function withText(type) {
  type.text = type.args.length ? `${type.name}<${type.args.map((a) => withText(a).text).join(', ')}>` : type.name;
  return type;
}

// ---------------------------------------------------------------------------------------------------------
// Declarations

function modifiersOf(node) {
  const annotations = [];
  const keywords = [];
  for (const modifier of kids(node, A.ModifierContext)) {
    const annotation = kid(modifier, A.AnnotationContext);
    if (annotation) {
      const name = (kid(annotation, A.QualifiedNameContext) ?? kid(annotation, A.IdContext))?.getText() ?? '';
      const params = {};
      const pairs = kid(annotation, A.ElementValuePairsContext);
      for (const pair of kids(pairs, A.ElementValuePairContext)) {
        const key = kid(pair, A.IdContext)?.getText() ?? '';
        params[key.toLowerCase()] = kid(pair, A.ElementValueContext)?.getText() ?? '';
      }
      const single = kid(annotation, A.ElementValueContext);
      if (single) params.value = single.getText();
      annotations.push({ name, lower: name.toLowerCase(), params, line: lineOfNode(annotation), node: annotation });
    } else {
      keywords.push(modifier.getText().toLowerCase());
    }
  }
  return { annotations, keywords };
}

const hasAnnotation = (member, name) => member.annotations.some((a) => a.lower === name.toLowerCase());

function paramsOf(formalParameters) {
  const list = kid(formalParameters, A.FormalParameterListContext);
  return kids(list, A.FormalParameterContext).map((p) => ({
    name: kid(p, A.IdContext).getText(),
    type: parseTypeText(kid(p, A.TypeRefContext).getText()),
    line: lineOfNode(p),
  }));
}

/**
 * @typedef {object} ApexClass
 * @property {string} name
 * @property {string} fullName      Outer.Inner for nested classes
 * @property {'class'|'interface'|'enum'|'trigger'} kind
 * @property {ApexClass|null} outer
 * @property {ApexFile} file
 * @property {number} line
 * @property {{name: string, lower: string, params: Record<string,string>, line: number}[]} annotations
 * @property {string[]} keywords
 * @property {boolean} isTest
 * @property {string|null} extends
 * @property {string[]} implements
 * @property {ApexMember[]} fields      fields and properties
 * @property {ApexMethod[]} methods
 * @property {string[]} enumValues
 * @property {ApexClass[]} inner
 * @property {any} node
 */

function readClass(decl, modifiers, file, outer) {
  const isEnum = decl instanceof A.EnumDeclarationContext;
  const isInterface = decl instanceof A.InterfaceDeclarationContext;
  const name = kid(decl, A.IdContext).getText();
  const cls = {
    name,
    fullName: outer ? `${outer.fullName}.${name}` : name,
    kind: isEnum ? 'enum' : isInterface ? 'interface' : 'class',
    outer,
    file,
    line: lineOfNode(decl),
    annotations: modifiers.annotations,
    keywords: modifiers.keywords,
    isTest: modifiers.annotations.some((a) => a.lower === 'istest') || Boolean(outer?.isTest),
    extends: null,
    implements: [],
    fields: [],
    methods: [],
    constructors: [],
    enumValues: [],
    inner: [],
    node: decl,
  };
  if (isEnum) {
    cls.enumValues = kids(kid(decl, A.EnumConstantsContext), A.IdContext).map((id) => id.getText());
    return cls;
  }
  const ext = kid(decl, A.TypeRefContext);
  if (ext && !isInterface) cls.extends = ext.getText();
  const typeList = kid(decl, A.TypeListContext);
  if (typeList) cls.implements = kids(typeList, A.TypeRefContext).map((t) => t.getText());
  if (isInterface) {
    for (const m of kids(kid(decl, A.InterfaceBodyContext), A.InterfaceMethodDeclarationContext)) {
      const mods = modifiersOf(m);
      const typeRef = kid(m, A.TypeRefContext);
      cls.methods.push({
        name: kid(m, A.IdContext).getText(),
        returnType: typeRef ? parseTypeText(typeRef.getText()) : parseTypeText('void'),
        params: paramsOf(kid(m, A.FormalParametersContext)),
        annotations: mods.annotations,
        keywords: mods.keywords,
        isStatic: false,
        line: lineOfNode(m),
        node: m,
        owner: cls,
      });
    }
    return cls;
  }
  for (const bodyDecl of kids(kid(decl, A.ClassBodyContext), A.ClassBodyDeclarationContext)) {
    const member = kid(bodyDecl, A.MemberDeclarationContext);
    if (!member) continue;
    readMember(cls, member.children[0], modifiersOf(bodyDecl), file);
  }
  return cls;
}

function readMember(cls, inner, mods, file) {
  const isStatic = mods.keywords.includes('static');
  const isFinal = mods.keywords.includes('final');
  if (inner instanceof A.MethodDeclarationContext) {
    const typeRef = kid(inner, A.TypeRefContext);
    cls.methods.push({
      name: kid(inner, A.IdContext).getText(),
      returnType: parseTypeText(typeRef ? typeRef.getText() : 'void'),
      params: paramsOf(kid(inner, A.FormalParametersContext)),
      annotations: mods.annotations,
      keywords: mods.keywords,
      isStatic,
      line: lineOfNode(inner),
      node: inner,
      owner: cls,
    });
  } else if (inner instanceof A.ConstructorDeclarationContext) {
    cls.constructors.push({
      params: paramsOf(kid(inner, A.FormalParametersContext)),
      line: lineOfNode(inner),
      node: inner,
    });
  } else if (inner instanceof A.FieldDeclarationContext) {
    const type = parseTypeText(kid(inner, A.TypeRefContext).getText());
    for (const declarator of kids(kid(inner, A.VariableDeclaratorsContext), A.VariableDeclaratorContext)) {
      cls.fields.push({
        name: kid(declarator, A.IdContext).getText(),
        type,
        annotations: mods.annotations,
        keywords: mods.keywords,
        isStatic,
        isFinal,
        isProperty: false,
        initializer: kid(declarator, A.ExpressionContext) ?? null,
        line: lineOfNode(declarator),
        node: declarator,
        owner: cls,
      });
    }
  } else if (inner instanceof A.PropertyDeclarationContext) {
    cls.fields.push({
      name: kid(inner, A.IdContext).getText(),
      type: parseTypeText(kid(inner, A.TypeRefContext).getText()),
      annotations: mods.annotations,
      keywords: mods.keywords,
      isStatic,
      isFinal,
      isProperty: true,
      initializer: null,
      line: lineOfNode(inner),
      node: inner,
      owner: cls,
    });
  } else if (
    inner instanceof A.ClassDeclarationContext ||
    inner instanceof A.EnumDeclarationContext ||
    inner instanceof A.InterfaceDeclarationContext
  ) {
    cls.inner.push(readClass(inner, mods, file, cls));
  }
}

/**
 * @typedef {object} ApexFile
 * @property {string} abs
 * @property {string} rel
 * @property {string} source
 * @property {any} tree
 * @property {{line: number, column: number, message: string}[]} errors
 * @property {ApexClass[]} classes   top-level (for a trigger: a pseudo-class of kind 'trigger')
 * @property {{name: string, object: string, events: string[]}|null} trigger
 * @property {string} packageDir
 * @property {boolean} packaged
 */

function readFile(projectDir, abs, pkg) {
  const source = fs.readFileSync(abs, 'utf8');
  const isTrigger = abs.endsWith('.trigger');
  const { tree, errors } = parseApex(source, isTrigger ? 'triggerUnit' : 'compilationUnit');
  const file = {
    abs,
    rel: rel(projectDir, abs),
    source,
    tree,
    errors,
    classes: [],
    trigger: null,
    packageDir: pkg?.path,
    packaged: Boolean(pkg?.packaged),
  };
  if (isTrigger) {
    const ids = kids(tree, A.IdContext).map((id) => id.getText());
    const events = kids(tree, A.TriggerCaseContext).map((c) => c.getText());
    file.trigger = { name: ids[0] ?? '', object: ids[1] ?? '', events };
    const cls = {
      name: file.trigger.name,
      fullName: file.trigger.name,
      kind: 'trigger',
      outer: null,
      file,
      line: lineOfNode(tree),
      annotations: [],
      keywords: [],
      isTest: false,
      extends: null,
      implements: [],
      fields: [],
      methods: [],
      constructors: [],
      enumValues: [],
      inner: [],
      node: tree,
    };
    for (const member of kids(kid(tree, A.TriggerBlockContext), A.TriggerBlockMemberContext)) {
      const decl = kid(member, A.TriggerMemberDeclarationContext);
      if (decl) readMember(cls, decl.children[0], modifiersOf(member), file);
    }
    file.classes.push(cls);
  } else {
    const typeDecl = kid(tree, A.TypeDeclarationContext);
    const decl =
      typeDecl &&
      childrenOf(typeDecl).find(
        (c) =>
          c instanceof A.ClassDeclarationContext ||
          c instanceof A.EnumDeclarationContext ||
          c instanceof A.InterfaceDeclarationContext,
      );
    if (decl) file.classes.push(readClass(decl, modifiersOf(typeDecl), file, null));
  }
  return file;
}

/** Every class of a file, nested ones included. */
export function allClassesOf(cls) {
  return [cls, ...cls.inner.flatMap(allClassesOf)];
}

export class ApexModel {
  constructor(files, skippedTestClasses = []) {
    /** @type {ApexFile[]} */
    this.files = files;
    /** Names of @IsTest classes that were not parsed (loadApexModel with skipTests). */
    this.skippedTestClasses = skippedTestClasses;
    /** @type {Map<string, ApexClass>} by lower-case full name */
    this.classes = new Map();
    for (const file of files) {
      for (const top of file.classes)
        for (const cls of allClassesOf(top)) this.classes.set(cls.fullName.toLowerCase(), cls);
    }
  }

  /** Top-level classes (not triggers). */
  topLevelClasses() {
    return this.files.flatMap((f) => f.classes).filter((c) => c.kind !== 'trigger');
  }

  /**
   * Resolves a type or class name as written inside `context` (a class): nested classes of the context and its
   * outers first, then top-level classes, then a qualified `Outer.Inner`.
   * @returns {ApexClass|undefined}
   */
  resolveClass(name, context) {
    const lower = String(name).toLowerCase();
    for (let scope = context; scope; scope = scope.outer) {
      const inner = this.classes.get(`${scope.fullName.toLowerCase()}.${lower}`);
      if (inner) return inner;
      // A nested class of a super class (best effort, same file or top-level).
      if (scope.extends) {
        const parent = this.classes.get(scope.extends.toLowerCase());
        const inherited = parent && this.classes.get(`${parent.fullName.toLowerCase()}.${lower}`);
        if (inherited) return inherited;
      }
    }
    return this.classes.get(lower);
  }

  /** The super class chain of a class (this project's classes only). */
  superClasses(cls) {
    const out = [];
    let current = cls;
    const seen = new Set();
    while (current?.extends && !seen.has(current)) {
      seen.add(current);
      const parent = this.resolveClass(parseTypeText(current.extends).name, current.outer ?? current);
      if (!parent) break;
      out.push(parent);
      current = parent;
    }
    return out;
  }

  /** A field (or property) by name in a class or its super classes. */
  findField(cls, name) {
    const lower = name.toLowerCase();
    for (const c of [cls, ...this.superClasses(cls)]) {
      const field = c.fields.find((f) => f.name.toLowerCase() === lower);
      if (field) return field;
    }
    return undefined;
  }
}

/**
 * Parses every .cls/.trigger of every package directory (or the given files).
 * @returns {ApexModel}
 */
export function loadApexModel(projectDir, { files, skipTests = false } = {}) {
  const packages = JSON.parse(fs.readFileSync(`${projectDir}/sfdx-project.json`, 'utf8')).packageDirectories ?? [];
  const pkgOf = (abs) => {
    const relative = rel(projectDir, abs);
    const dir = packages.find((p) => relative.startsWith(`${String(p.path).replace(/\/$/, '')}/`));
    return dir ? { path: dir.path, packaged: typeof dir.package === 'string' } : null;
  };
  const list = files ?? packageFiles(projectDir, (f) => APEX_FILE.test(f));
  const parsed = [];
  const skipped = [];
  for (const abs of list) {
    // Test classes (@IsTest before the class keyword) are skipped when the check does not need them: parsing is
    // the slow part (ANTLR in JavaScript) and about half of the code is tests.
    if (skipTests && abs.endsWith('.cls')) {
      const head = fs.readFileSync(abs, 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
      const classAt = head.search(/\bclass\s+\w+/i);
      if (classAt >= 0 && /@istest\b/i.test(head.slice(0, classAt))) {
        skipped.push(/\bclass\s+(\w+)/i.exec(head.slice(classAt))[1]);
        continue;
      }
    }
    parsed.push(readFile(projectDir, abs, pkgOf(abs)));
  }
  return new ApexModel(parsed, skipped);
}

export { hasAnnotation };

// ---------------------------------------------------------------------------------------------------------
// Constant folding

/**
 * @typedef {{start: number, end: number, file: ApexFile, line: number}} Segment  a slice of a folded string
 * and the source line it came from
 * @typedef {{ok: true, value: string|string[], segments: Segment[]}|{ok: false, reason: string, node: any}} Folded
 */

const QUOTE_LITERAL = /^'/;

/** The method, constructor, getter/setter or trigger body that encloses a node. */
export function enclosingBody(node) {
  for (let n = node?.parentCtx; n; n = n.parentCtx) {
    if (
      n instanceof A.MethodDeclarationContext ||
      n instanceof A.ConstructorDeclarationContext ||
      n instanceof A.PropertyBlockContext ||
      n instanceof A.TriggerBlockContext
    ) {
      return n;
    }
  }
  return null;
}

/** The innermost class (of the model) declaring a node. */
export function enclosingClass(model, file, node) {
  return classAt(file, node?.parentCtx);
}

/**
 * The model class of `start` itself when it is a class, enum or interface declaration, else of its innermost such
 * ancestor; the file's first class (for triggers: the trigger pseudo-class) when there is none.
 */
export function classAt(file, start) {
  let decl = null;
  for (let n = start; n; n = n.parentCtx) {
    if (
      n instanceof A.ClassDeclarationContext ||
      n instanceof A.EnumDeclarationContext ||
      n instanceof A.InterfaceDeclarationContext
    ) {
      decl = n;
      break;
    }
  }
  for (const top of file.classes) {
    if (!decl) return top;
    for (const cls of allClassesOf(top)) if (cls.node === decl) return cls;
  }
  return file.classes[0];
}

/** Names assigned anywhere below `node` (`x = `, `x += `, `this.x = `, `Cls.x = `, `x++`). */
function assignedNames(node) {
  const names = new Set();
  walk(node, (n) => {
    if (
      n instanceof A.AssignExpressionContext ||
      n instanceof A.PostOpExpressionContext ||
      n instanceof A.PreOpExpressionContext
    ) {
      const target = kids(n, A.ExpressionContext)[0];
      if (target instanceof A.PrimaryExpressionContext) names.add(target.getText().toLowerCase());
      else if (target instanceof A.DotExpressionContext)
        names.add((kid(target, A.AnyIdContext)?.getText() ?? '').toLowerCase());
    }
    return true;
  });
  return names;
}

/** Local variables of a body: name -> {initializer, mutable, type}. */
function localsOf(body) {
  const locals = new Map();
  if (!body) return locals;
  const assigned = assignedNames(body);
  walk(body, (n) => {
    if (n instanceof A.LocalVariableDeclarationContext) {
      const type = parseTypeText(kid(n, A.TypeRefContext).getText());
      for (const d of kids(kid(n, A.VariableDeclaratorsContext), A.VariableDeclaratorContext)) {
        const name = kid(d, A.IdContext).getText();
        const prior = locals.get(name.toLowerCase());
        locals.set(name.toLowerCase(), {
          name,
          type,
          initializer: kid(d, A.ExpressionContext) ?? null,
          // Declared twice in the body (two scopes) or assigned: not a constant.
          mutable: Boolean(prior) || assigned.has(name.toLowerCase()),
        });
      }
    } else if (n instanceof A.EnhancedForControlContext) {
      const name = kid(n, A.IdContext).getText();
      locals.set(name.toLowerCase(), {
        name,
        type: parseTypeText(kid(n, A.TypeRefContext).getText()),
        initializer: null,
        mutable: true,
      });
    } else if (n instanceof A.FormalParameterContext) {
      const name = kid(n, A.IdContext).getText();
      locals.set(name.toLowerCase(), {
        name,
        type: parseTypeText(kid(n, A.TypeRefContext).getText()),
        initializer: null,
        mutable: true,
        parameter: true,
      });
    }
    return true;
  });
  // Method parameters (formalParameters are siblings of the body block).
  const params = kid(body, A.FormalParametersContext);
  for (const p of kids(kid(params, A.FormalParameterListContext), A.FormalParameterContext)) {
    const name = kid(p, A.IdContext).getText();
    locals.set(name.toLowerCase(), {
      name,
      type: parseTypeText(kid(p, A.TypeRefContext).getText()),
      initializer: null,
      mutable: true,
      parameter: true,
    });
  }
  return locals;
}

const localsCache = new WeakMap();
const assignedCache = new WeakMap();

/** Cached locals of the body enclosing a node. */
export function localsAt(node) {
  const body = enclosingBody(node);
  if (!body) return new Map();
  if (!localsCache.has(body)) localsCache.set(body, localsOf(body));
  return localsCache.get(body);
}

/** Names assigned anywhere in a file (a field assigned outside its declaration is not a constant). */
function fileAssignments(file) {
  if (!assignedCache.has(file)) assignedCache.set(file, assignedNames(file.tree));
  return assignedCache.get(file);
}

/** A class field usable as a constant: final, or never assigned in its file, with an initializer. */
function constantField(model, cls, name) {
  const field = cls && model.findField(cls, name);
  if (!field || !field.initializer || field.isProperty) return null;
  if (!field.isFinal && fileAssignments(field.owner.file).has(name.toLowerCase())) return null;
  return field;
}

/** Literal segments: the whole value maps to one source line. */
const single = (value, file, line) => ({ ok: true, value, segments: [{ start: 0, end: value.length, file, line }] });

function concat(a, b) {
  const left = Array.isArray(a.value) ? a.value.join(',') : String(a.value);
  const right = Array.isArray(b.value) ? b.value.join(',') : String(b.value);
  return {
    ok: true,
    value: left + right,
    segments: [
      ...a.segments,
      ...b.segments.map((s) => ({ ...s, start: s.start + left.length, end: s.end + left.length })),
    ],
  };
}

/**
 * Folds an expression to a constant string (or list of strings) when every part of it is a literal or a
 * constant. `env.file` is the file being checked: segments from constants of other files are attributed to
 * the line of the reference in this file.
 * @returns {Folded}
 */
export function fold(model, file, expr, env = {}) {
  const depth = env.depth ?? 0;
  if (depth > 30) return { ok: false, reason: 'constant nesting too deep', node: expr };
  const cls = env.cls ?? enclosingClass(model, file, expr);
  const next = { ...env, depth: depth + 1, cls };
  const fail = (node, reason) => ({ ok: false, reason: reason ?? node.getText(), node });

  if (expr instanceof A.SubExpressionContext) return fold(model, file, kid(expr, A.ExpressionContext), next);
  if (expr instanceof A.CastExpressionContext) return fold(model, file, kid(expr, A.ExpressionContext), next);
  if (expr instanceof A.Arth2ExpressionContext) {
    if (!tokenTexts(expr).includes('+')) return fail(expr);
    const [left, right] = kids(expr, A.ExpressionContext);
    const a = fold(model, file, left, next);
    if (!a.ok) return a;
    const b = fold(model, file, right, next);
    if (!b.ok) return b;
    return concat(a, b);
  }
  if (expr instanceof A.PrimaryExpressionContext) {
    const primary = expr.children[0];
    if (primary instanceof A.LiteralPrimaryContext) {
      const literal = kid(primary, A.LiteralContext);
      const token = literal.children[0];
      const text = token.getText();
      const line = token.symbol.line;
      if (QUOTE_LITERAL.test(text)) return single(unescapeApexString(text), file, line);
      if (/^[0-9]/.test(text)) return single(text.replace(/[lLdD]$/, ''), file, line);
      if (/^(true|false)$/i.test(text)) return single(text.toLowerCase(), file, line);
      return fail(expr);
    }
    if (primary instanceof A.IdPrimaryContext) return foldName(model, file, [primary.getText()], expr, next);
    return fail(expr);
  }
  if (expr instanceof A.DotExpressionContext) {
    const call = kid(expr, A.DotMethodCallContext);
    const target = kid(expr, A.ExpressionContext);
    if (!call) {
      // Qualified constant: Class.NAME, Outer.Inner.NAME, this.NAME
      const parts = [];
      let n = expr;
      while (n instanceof A.DotExpressionContext && !kid(n, A.DotMethodCallContext)) {
        parts.unshift(kid(n, A.AnyIdContext).getText());
        n = kid(n, A.ExpressionContext);
      }
      if (
        n instanceof A.PrimaryExpressionContext &&
        (n.children[0] instanceof A.IdPrimaryContext || n.children[0] instanceof A.ThisPrimaryContext)
      ) {
        const head = n.getText();
        return foldName(model, file, head.toLowerCase() === 'this' ? parts : [head, ...parts], expr, next);
      }
      return fail(expr);
    }
    const method = kid(call, A.AnyIdContext).getText().toLowerCase();
    const args = kids(kid(call, A.ExpressionListContext), A.ExpressionContext);
    const owner = target?.getText().toLowerCase();
    if (owner === 'string' && method === 'join' && args.length === 2) {
      const list = fold(model, file, args[0], next);
      if (!list.ok) return list;
      const separator = fold(model, file, args[1], next);
      if (!separator.ok) return separator;
      const items = Array.isArray(list.value) ? list.value : [String(list.value)];
      const line = lineOfNode(expr);
      const value = items.join(String(separator.value));
      // Keep line attribution per item when the items came from this file.
      return { ok: true, value, segments: [{ start: 0, end: value.length, file, line }] };
    }
    if (owner === 'string' && method === 'valueof' && args.length === 1) {
      const value = fold(model, file, args[0], next);
      return value.ok && !Array.isArray(value.value) ? value : fail(expr);
    }
    return fail(expr);
  }
  if (expr instanceof A.NewExpressionContext) {
    const creator = kid(expr, A.CreatorContext);
    const rest = kid(creator, A.SetCreatorRestContext);
    const typeName = kid(creator, A.CreatedNameContext)?.getText().toLowerCase() ?? '';
    if (rest && /^(list|set)<string>$/.test(typeName)) {
      const items = [];
      const segments = [];
      for (const item of kids(rest, A.ExpressionContext)) {
        const folded = fold(model, file, item, next);
        if (!folded.ok) return folded;
        items.push(String(folded.value));
        segments.push(...folded.segments);
      }
      return { ok: true, value: items, segments };
    }
    return fail(expr);
  }
  return fail(expr);
}

/** Resolves a (possibly qualified) name to a constant and folds its initializer. */
function foldName(model, file, parts, refNode, env) {
  const fail = () => ({ ok: false, reason: parts.join('.'), node: refNode });
  const cls = env.cls;
  let field = null;
  if (parts.length === 1) {
    const local = localsAt(refNode).get(parts[0].toLowerCase());
    if (local) {
      if (local.mutable || !local.initializer) return fail();
      return fold(model, file, local.initializer, { ...env, cls });
    }
    for (let scope = cls; scope && !field; scope = scope.outer) field = constantField(model, scope, parts[0]);
  } else {
    const owner = model.resolveClass(parts.slice(0, -1).join('.'), cls);
    field = owner ? constantField(model, owner, parts[parts.length - 1]) : null;
  }
  if (!field) return fail();
  const targetFile = field.owner.file;
  const folded = fold(model, targetFile, field.initializer, { ...env, cls: field.owner });
  if (!folded.ok || targetFile === file) return folded;
  // From another file: attribute the text to the reference's line here.
  const line = lineOfNode(refNode);
  return { ...folded, segments: folded.segments.map((s) => ({ ...s, file, line })) };
}

/** The segment (file, line) that holds a character offset of a folded string. */
export function segmentAt(folded, offset) {
  let best = folded.segments[0];
  for (const segment of folded.segments) {
    if (offset >= segment.start && offset < segment.end) return segment;
    if (segment.start <= offset) best = segment;
  }
  return best;
}

/** `name += ...` appends of a local variable in its body, in source order; null when it is also reassigned with `=`. */
function appendsOf(node, name) {
  const body = enclosingBody(node);
  if (!body) return null;
  const appends = [];
  let reassigned = false;
  walk(body, (n) => {
    if (n instanceof A.AssignExpressionContext) {
      const [target, value] = kids(n, A.ExpressionContext);
      if (target instanceof A.PrimaryExpressionContext && target.getText().toLowerCase() === name.toLowerCase()) {
        if (tokenTexts(n).includes('+=')) appends.push(value);
        else reassigned = true;
      }
    }
    return true;
  });
  return reassigned ? null : appends;
}

/**
 * The operands of a `+` chain (a + b + c), left to right. A local String built with `+=` expands to its
 * initializer followed by every append (as if every optional clause were added); a `cond ? 'a' : 'b'` whose
 * branches are constants becomes the longer branch.
 */
function plusOperands(model, file, expr, depth = 0, notes = { approximate: [] }) {
  if (depth > 10) return [expr];
  if (expr instanceof A.SubExpressionContext)
    return plusOperands(model, file, kid(expr, A.ExpressionContext), depth + 1, notes);
  if (expr instanceof A.Arth2ExpressionContext && tokenTexts(expr).includes('+')) {
    const [left, right] = kids(expr, A.ExpressionContext);
    return [
      ...plusOperands(model, file, left, depth + 1, notes),
      ...plusOperands(model, file, right, depth + 1, notes),
    ];
  }
  if (expr instanceof A.PrimaryExpressionContext && expr.children[0] instanceof A.IdPrimaryContext) {
    const local = localsAt(expr).get(expr.getText().toLowerCase());
    const appends = local && !local.parameter && local.initializer ? appendsOf(expr, local.name) : null;
    if (appends) {
      if (appends.length) notes.approximate.push(`every '${local.name} +=' applied`);
      return [
        ...plusOperands(model, file, local.initializer, depth + 1, notes),
        ...appends.flatMap((a) => plusOperands(model, file, a, depth + 1, notes)),
      ];
    }
  }
  if (expr instanceof A.CondExpressionContext) {
    const [, whenTrue, whenFalse] = kids(expr, A.ExpressionContext);
    const a = fold(model, file, whenTrue);
    const b = fold(model, file, whenFalse);
    if (a.ok && b.ok && typeof a.value === 'string' && typeof b.value === 'string') {
      notes.approximate.push(`the longer branch of '${expr.getText().slice(0, 40)}'`);
      return [a.value.length >= b.value.length ? whenTrue : whenFalse];
    }
    // `cond ? '' : ' WHERE ' + conditions`: the branch with the clause (it holds more to check).
    if (a.ok !== b.ok) {
      notes.approximate.push(`the run-time branch of '${expr.getText().slice(0, 40)}'`);
      return plusOperands(model, file, a.ok ? whenFalse : whenTrue, depth + 1, notes);
    }
  }
  return [expr];
}

/**
 * For a query string that does not fold completely (`'SELECT Id FROM User WHERE ' + condition + ' LIMIT ' + n`):
 * folds the constant operands and fills each run-time operand with a neutral stand-in chosen by its position
 * (a LIMIT/OFFSET number, a bind variable after an operator, `Id != null` for a condition, `Id` for a field
 * list), so the constant parts (SELECT list, FROM, fields in conditions) can still be checked.
 * @returns {(Folded & {holes: string[]})|null} null when a hole's position is not recognised
 */
export function foldSkeleton(model, file, expr) {
  const notes = { approximate: [] };
  const operands = plusOperands(model, file, expr, 0, notes);
  if (operands.length < 2) return null;
  const parts = operands.map((operand) => ({ operand, folded: fold(model, file, operand) }));
  if (!parts[0].folded.ok) return null;
  let result = null;
  const holes = [];
  for (let i = 0; i < parts.length; i++) {
    let piece = parts[i].folded;
    if (!piece.ok || Array.isArray(piece.value)) {
      const before = result ? String(result.value) : '';
      const nextPart = parts.slice(i + 1).find((p) => p.folded.ok);
      const after = nextPart ? String(nextPart.folded.value) : '';
      let fill = null;
      if (/\b(limit|offset)\s*$/i.test(before)) fill = '1';
      else if (/\b(order|group)\s+by\s*$/i.test(before)) fill = 'Id';
      else if (/(=|<|>|\bin|\blike|\bincludes|\bexcludes)\s*$/i.test(before)) fill = ':skeletonBind';
      else if (
        /(\bwhere|\band|\bor|\bnot|\()\s*$/i.test(before) &&
        /^\s*($|\)|and\b|or\b|order\b|group\b|limit\b|offset\b|with\b|for\b)/i.test(after)
      )
        fill = 'Id != null';
      else if (/(\bselect|,)\s*$/i.test(before) && /^\s*((\w+\s*)?,|(\w+\s+)?from\b)/i.test(after)) fill = 'Id';
      else if (/\S\s*$/.test(before) && /^\s*($|order\b|limit\b|group\b|with\b|for\b|offset\b)/i.test(after)) fill = '';
      if (fill === null) return null;
      holes.push(parts[i].operand.getText());
      piece = single(fill, file, lineOfNode(parts[i].operand));
    }
    result = result ? concat(result, piece) : piece;
  }
  return { ...result, holes: [...holes, ...notes.approximate] };
}

/** True when `expr` initializes a local variable that is later extended with `+=` (checked in full at its use). */
export function initializesAppendedLocal(expr) {
  const declarator = expr.parentCtx;
  if (
    !(declarator instanceof A.VariableDeclaratorContext) ||
    !(declarator.parentCtx?.parentCtx instanceof A.LocalVariableDeclarationContext)
  )
    return false;
  const appends = appendsOf(expr, kid(declarator, A.IdContext).getText());
  return Boolean(appends && appends.length > 0);
}

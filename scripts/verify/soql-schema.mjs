// SOQL schema check: every SOQL query in the project's Apex, static and dynamic, against the org schema
// (standard objects of the apex-ls v65 type library + this project's objects and fields from source).
//
// No other offline tool does this: apex-ls, PMD and Graph Engine all accept `SELECT Nme FROM User`.
//
// What is checked, in each query and subquery:
//   - FROM object (and, in a select-list subquery, the child relationship name);
//   - selected fields, relationship paths (`Owner.Name`, `CallCenter.InternalName`), polymorphic
//     relationships (`ReferenceRecord.Name` against the polymorphic Name object; `TYPEOF ... WHEN User THEN ...`);
//   - WHERE / HAVING / ORDER BY / GROUP BY fields and aggregate/date function arguments;
//   - semi-/anti-join subqueries (`Id IN (SELECT ReferenceRecordId FROM CallCenterRoutingMap ...)`: one id field);
//   - aggregate queries: every selected field grouped or aggregated, aliases unique and only on aggregate
//     queries; `AggregateResult.get('alias')` reads a name some aggregate query produces;
//   - project rules: no static SOQL on feature-dependent objects (CallCenterRoutingMap), no SOQL on platform events.
// Which queries: static `[SELECT ...]`; dynamic query strings that fold to a constant (literals, constants of
// any class, `String.join` of constant lists), wherever they are (a constant that starts with SELECT, or the
// argument of Database.query / queryWithBinds / getQueryLocator / countQuery / getCursor...). A dynamic
// query that cannot be folded is LISTED as info with its file:line: it is not checked, and says so.
//
// Usage: node scripts/verify/soql-schema.mjs [--project <dir>] [--quiet-info]
import * as A from '@apexdevtools/apex-parser';
import {
  childrenOf,
  enclosingClass,
  fold,
  foldSkeleton,
  initializesAppendedLocal,
  kid,
  kids,
  lineOfNode,
  loadApexModel,
  localsAt,
  parseApex,
  segmentAt,
  sourceText,
  walk,
} from './lib/apex-model.mjs';
import { FEATURE_DEPENDENT_OBJECTS, didYouMean, loadSchema } from './lib/schema.mjs';
import { runMain } from './lib/report.mjs';
import { isMain, makeResult, projectDirOf } from './lib/verify-common.mjs';

const NAME = 'soql-schema';

/** Database methods whose first argument is a SOQL string. */
const QUERY_METHODS = new Set([
  'query',
  'querywithbinds',
  'getquerylocator',
  'getquerylocatorwithbinds',
  'countquery',
  'countquerywithbinds',
  'getcursor',
  'getcursorwithbinds',
  'getpaginationcursor',
  'getpaginationcursorwithbinds',
]);
const AGGREGATE_FUNCTIONS = new Set(['avg', 'count', 'count_distinct', 'min', 'max', 'sum']);
const LOOKS_LIKE_SOQL = /^\s*select\s[\s\S]*\sfrom\s/i;
const STARTS_LIKE_SOQL = /^\s*select\s+[\w.(]/i;

/**
 * Checks one query tree. `position(nodeOrToken)` gives the source line of a node of the tree.
 */
class QueryChecker {
  constructor(schema, { label, position, report, isStatic, hooks, lenient }) {
    this.schema = schema;
    /** With stand-ins for run-time parts: no rule about which fields an aggregate query may select. */
    this.lenient = Boolean(lenient);
    /** Optional callbacks for checks that need what a query reads: {object(obj), field(obj, field)}. */
    this.hooks = hooks ?? {};
    this.label = label;
    this.position = position;
    this.report = report;
    this.isStatic = isStatic;
    /** Names an aggregate query produces (aliases, exprN, grouped fields), for AggregateResult.get. */
    this.outputs = [];
    this.isAggregate = false;
  }

  problem(node, message) {
    this.report(this.position(node), `${this.label}: ${message}`);
  }

  /** The object a FROM clause names; null when unknown (reported). */
  resolveFrom(node, mode, parent) {
    const from = kid(node, A.FromNameListContext);
    const nameNode = kid(from, A.FieldNameContext);
    if (!nameNode) return null;
    const name = nameNode.getText();
    const aliasNode = childrenOf(from)[1] instanceof A.SoqlIdContext ? childrenOf(from)[1] : null;
    if (mode === 'child') {
      const child = parent.children.get(name.toLowerCase());
      if (!child) {
        const asObject = this.schema.object(name);
        const hint = asObject
          ? ` ('${name}' is an object: a subquery in the select list names the child relationship, e.g. ${this.childNamesFor(parent, asObject.name) || `a relationship of ${parent.name}`})`
          : didYouMean(
              name,
              [...parent.children.values()].map((c) => c.name),
            );
        this.problem(nameNode, `unknown child relationship '${name}' on ${parent.name}${hint}`);
        return null;
      }
      const childObject = this.schema.object(child.childObject);
      if (!childObject) {
        this.problem(
          nameNode,
          `child relationship '${name}' on ${parent.name} points to ${child.childObject}, which is not in the schema`,
        );
        return null;
      }
      this.hooks.object?.(childObject);
      return { object: childObject, alias: aliasNode?.getText() };
    }
    const object = this.schema.object(name);
    if (!object) {
      this.problem(nameNode, `unknown object '${name}'${this.schema.suggestObject(name)}`);
      return null;
    }
    this.checkObjectRules(nameNode, object);
    this.hooks.object?.(object);
    return { object, alias: aliasNode?.getText() };
  }

  childNamesFor(parent, childObjectName) {
    return [...parent.children.values()]
      .filter((c) => c.childObject.toLowerCase() === childObjectName.toLowerCase())
      .map((c) => c.name)
      .slice(0, 3)
      .join(', ');
  }

  checkObjectRules(node, object) {
    const feature = FEATURE_DEPENDENT_OBJECTS.get(object.name.toLowerCase());
    if (feature && this.isStatic) {
      this.problem(
        node,
        `static SOQL on ${object.name}: it needs ${feature}, so the package would not compile or install without it. Use dynamic SOQL through the repository class`,
      );
    }
    if (object.kind === 'event')
      this.problem(node, `${object.name} is a platform event: events cannot be queried with SOQL`);
  }

  /**
   * Resolves a field path (`Name`, `Owner.Name`, `CallCenter.InternalName`) on an object.
   * @param {'select'|'filter'|'semijoin'} purpose
   * @returns {import('./lib/schema.mjs').FieldDef|null}
   */
  resolvePath(fieldNameNode, scope, purpose) {
    const ids = kids(fieldNameNode, A.SoqlIdContext);
    let segments = ids.map((id) => ({ name: id.getText(), node: id }));
    let object = scope.object;
    if (segments.length > 1) {
      const head = segments[0].name.toLowerCase();
      const isPrefix =
        head === scope.alias?.toLowerCase() || (head === object.name.toLowerCase() && !object.relationships.has(head));
      if (isPrefix) segments = segments.slice(1);
    }
    const path = [];
    for (let i = 0; i < segments.length - 1; i++) {
      const { name, node } = segments[i];
      path.push(name);
      const relationship = object.relationships.get(name.toLowerCase());
      if (!relationship) {
        const field = object.fields.get(name.toLowerCase());
        if (field?.relationshipName) {
          this.problem(
            node,
            `'${name}' is a field of ${object.name}, not a relationship: use '${[...path.slice(0, -1), field.relationshipName, ...segments.slice(i + 1).map((s) => s.name)].join('.')}'`,
          );
        } else {
          this.problem(
            node,
            `unknown relationship '${name}' on ${object.name}${didYouMean(
              name,
              [...object.relationships.values()].map((r) => r.name),
            )}`,
          );
        }
        return null;
      }
      const target = relationship.target === '*' ? this.schema.nameObject : this.schema.object(relationship.target);
      const idField = relationship.idField && object.fields.get(relationship.idField.toLowerCase());
      if (idField) this.hooks.field?.(object, idField);
      if (!target) return null; // a target outside the schema (e.g. a custom object of another package): not checkable
      if (target !== this.schema.nameObject) this.hooks.object?.(target);
      object = target;
    }
    const last = segments[segments.length - 1];
    const field = object.fields.get(last.name.toLowerCase());
    if (!field) {
      const relationship = object.relationships.get(last.name.toLowerCase());
      if (relationship) {
        this.problem(
          last.node,
          `'${last.name}' is a relationship on ${object.name}: select one of its fields (e.g. ${last.name}.Id) or its id field ${relationship.idField ?? `${last.name}Id`}`,
        );
      } else if (object.children.has(last.name.toLowerCase())) {
        this.problem(
          last.node,
          `'${last.name}' is a child relationship of ${object.name}: query it with a subquery (SELECT ... FROM ${last.name})`,
        );
      } else {
        const candidates = [...object.fields.values()].map((f) => f.name);
        this.problem(
          last.node,
          `unknown field '${last.name}' on ${object.name}${object === this.schema.nameObject ? ' (the polymorphic Name object; use TYPEOF for fields of a specific type)' : ''}${didYouMean(last.name, candidates)}`,
        );
      }
      return null;
    }
    this.hooks.field?.(object, field);
    if (purpose === 'semijoin' && field.kind !== 'id') {
      this.problem(
        last.node,
        `semi-join: '${last.name}' on ${object.name} is not an id or lookup field (a semi-join selects exactly one id field)`,
      );
    }
    return field;
  }

  /** Checks every field reference below `node` (WHERE, HAVING, ORDER BY, GROUP BY...). */
  checkFieldRefs(node, scope) {
    walk(node, (n) => {
      if (n === node) return true;
      if (n instanceof A.BoundExpressionContext || n instanceof A.FromNameListContext || n instanceof A.TypeOfContext)
        return false;
      if (n instanceof A.SubQueryContext) {
        this.checkSemiJoin(n, scope);
        return false;
      }
      if (n instanceof A.FieldNameContext) {
        this.resolvePath(n, scope, 'filter');
        return false;
      }
      return true;
    });
  }

  /** `field IN (SELECT idField FROM Object ...)`. */
  checkSemiJoin(subQuery, outerScope) {
    const fieldExpression = subQuery.parentCtx?.parentCtx;
    const left = kid(fieldExpression, A.FieldNameContext);
    if (left) {
      const field = this.resolvePath(left, outerScope, 'filter');
      if (field && field.kind !== 'id') {
        this.problem(left, `semi-join: the left operand '${left.getText()}' must be an id or lookup field`);
      }
    }
    this.checkQueryNode(subQuery, 'semijoin', null);
  }

  checkTypeOf(typeOf, scope) {
    const [relationshipNode] = kids(typeOf, A.FieldNameContext);
    const name = relationshipNode.getText();
    const relationship = scope.object.relationships.get(name.toLowerCase());
    if (!relationship) {
      this.problem(
        relationshipNode,
        `TYPEOF: unknown relationship '${name}' on ${scope.object.name}${didYouMean(
          name,
          [...scope.object.relationships.values()].map((r) => r.name),
        )}`,
      );
    } else if (relationship.target !== '*') {
      this.problem(
        relationshipNode,
        `TYPEOF: '${name}' on ${scope.object.name} is not polymorphic (it always points to ${relationship.target})`,
      );
    }
    for (const when of kids(typeOf, A.WhenClauseContext)) {
      const typeNode = kid(when, A.FieldNameContext);
      const object = this.schema.object(typeNode.getText());
      if (!object) {
        this.problem(
          typeNode,
          `TYPEOF: unknown object '${typeNode.getText()}'${this.schema.suggestObject(typeNode.getText())}`,
        );
        continue;
      }
      this.hooks.object?.(object);
      for (const field of kids(kid(when, A.FieldNameListContext), A.FieldNameContext))
        this.resolvePath(field, { object }, 'select');
    }
    const otherwise = kid(typeOf, A.ElseClauseContext);
    if (otherwise) {
      for (const field of kids(kid(otherwise, A.FieldNameListContext), A.FieldNameContext)) {
        this.resolvePath(field, { object: this.schema.nameObject }, 'select');
      }
    }
  }

  /**
   * Checks a query or subquery.
   * @param {'top'|'child'|'semijoin'} mode
   * @returns {import('./lib/schema.mjs').ObjectDef|null}
   */
  checkQueryNode(node, mode, parent) {
    const from = this.resolveFrom(node, mode, parent);
    if (!from) return null;
    const scope = from;
    const list = kid(node, A.SelectListContext) ?? kid(node, A.SubFieldListContext);
    const entries = childrenOf(list).filter(
      (c) => c instanceof A.SelectEntryContext || c instanceof A.SubFieldEntryContext,
    );
    const plainFields = [];
    const aggregates = [];
    const aliases = new Map();
    let countStar = null;
    let exprIndex = 0;
    for (const entry of entries) {
      const first = entry.children[0];
      const aliasNode = childrenOf(entry).find((c, i) => i > 0 && c instanceof A.SoqlIdContext);
      if (first instanceof A.FieldNameContext) {
        const field = this.resolvePath(first, scope, mode === 'semijoin' ? 'semijoin' : 'select');
        plainFields.push({ node: first, field, alias: aliasNode });
      } else if (first instanceof A.SoqlFunctionContext) {
        const fn = first.children[0].getText().toLowerCase();
        this.checkFieldRefs(first, scope);
        if (AGGREGATE_FUNCTIONS.has(fn)) {
          aggregates.push(first);
          if (fn === 'count' && !kid(first, A.FieldNameContext)) countStar = first;
          this.outputs.push(aliasNode ? aliasNode.getText() : `expr${exprIndex}`);
          if (!aliasNode) exprIndex++;
        } else if (!aliasNode && fn !== 'fields' && fn !== 'tolabel' && fn !== 'format' && fn !== 'convertcurrency') {
          // Date functions without alias are exprN as well.
          this.outputs.push(`expr${exprIndex++}`);
        }
        if (aliasNode) this.outputs.push(aliasNode.getText());
      } else if (entry.children[1] instanceof A.SubQueryContext || first.getText() === '(') {
        const sub = kid(entry, A.SubQueryContext);
        if (mode !== 'top') this.problem(sub, 'a subquery inside a subquery is not supported in Apex SOQL');
        else this.checkQueryNode(sub, 'child', scope.object);
      } else if (first instanceof A.TypeOfContext) {
        this.checkTypeOf(first, scope);
      }
      if (aliasNode) {
        const key = aliasNode.getText().toLowerCase();
        if (aliases.has(key)) this.problem(aliasNode, `duplicate alias '${aliasNode.getText()}'`);
        aliases.set(key, aliasNode);
      }
    }
    if (mode === 'semijoin' && entries.length !== 1) {
      this.problem(list, 'a semi-join subquery selects exactly one id field');
    }
    // Clauses after FROM.
    for (const child of childrenOf(node)) {
      if (
        child instanceof A.WhereClauseContext ||
        child instanceof A.GroupByClauseContext ||
        child instanceof A.OrderByClauseContext ||
        child instanceof A.WithClauseContext
      ) {
        this.checkFieldRefs(child, scope);
      }
    }
    // Aggregate rules.
    const groupBy = kid(node, A.GroupByClauseContext);
    if (aggregates.length > 0 || groupBy) {
      this.isAggregate = true;
      const grouped = new Set();
      if (groupBy) {
        walk(groupBy, (n) => {
          if (n instanceof A.FieldNameContext) {
            grouped.add(this.normalPath(n, scope));
            this.outputs.push(kids(n, A.SoqlIdContext).pop().getText());
            return false;
          }
          return !(n instanceof A.LogicalExpressionContext); // HAVING is not grouping
        });
      }
      for (const { node: fieldNode, field, alias } of plainFields) {
        if (field && !this.lenient && !grouped.has(this.normalPath(fieldNode, scope))) {
          this.problem(
            fieldNode,
            `aggregate query: field '${fieldNode.getText()}' must be grouped (GROUP BY) or aggregated`,
          );
        }
        if (alias) this.outputs.push(alias.getText());
      }
      if (countStar && entries.length > 1)
        this.problem(countStar, 'COUNT() cannot be combined with other fields; use COUNT(Id) with an alias');
    } else {
      for (const { alias } of plainFields) {
        if (alias && !this.lenient)
          this.problem(alias, `alias '${alias.getText()}' on a plain field: only aggregate queries can alias fields`);
      }
    }
    return scope.object;
  }

  normalPath(fieldNameNode, scope) {
    let names = kids(fieldNameNode, A.SoqlIdContext).map((id) => id.getText().toLowerCase());
    if (names.length > 1 && (names[0] === scope.alias?.toLowerCase() || names[0] === scope.object.name.toLowerCase()))
      names = names.slice(1);
    return names.join('.');
  }
}

/** Finds every SOQL query of a file: static, dynamic foldable, dynamic unresolvable. */
function findQueries(model, file) {
  const found = { static: [], dynamic: [], unresolved: [], aggregateGets: [] };
  const isAddExpression = (n) =>
    n instanceof A.Arth2ExpressionContext && childrenOf(n).some((c) => c.getText?.() === '+' && !c.children);
  const isStringLiteralExpression = (n) =>
    n instanceof A.PrimaryExpressionContext &&
    n.children[0] instanceof A.LiteralPrimaryContext &&
    n.getText().startsWith("'");
  const parentSkippingParens = (n) => {
    let p = n.parentCtx;
    while (p instanceof A.SubExpressionContext) p = p.parentCtx;
    return p;
  };
  const leftmostLiteral = (n) => {
    while (n instanceof A.Arth2ExpressionContext || n instanceof A.SubExpressionContext)
      n = kids(n, A.ExpressionContext)[0];
    return isStringLiteralExpression(n) ? n.getText() : '';
  };
  walk(file.tree, (n) => {
    if (n instanceof A.SoqlLiteralContext) {
      found.static.push(kid(n, A.QueryContext));
      return false;
    }
    if ((isAddExpression(n) || isStringLiteralExpression(n)) && !isAddExpression(parentSkippingParens(n))) {
      if (initializesAppendedLocal(n)) return true; // checked with its appends where it is used
      const folded = fold(model, file, n);
      if (folded.ok && typeof folded.value === 'string') {
        if (LOOKS_LIKE_SOQL.test(folded.value)) found.dynamic.push({ node: n, folded });
      } else if (
        !folded.ok &&
        STARTS_LIKE_SOQL.test(leftmostLiteral(n).slice(1)) &&
        /\sfrom\s/i.test(n.getText().replace(/'/g, ' '))
      ) {
        const skeleton = foldSkeleton(model, file, n);
        if (skeleton && LOOKS_LIKE_SOQL.test(skeleton.value)) found.dynamic.push({ node: n, folded: skeleton });
        else found.unresolved.push({ node: n, reason: folded.reason, via: 'string expression' });
      }
      return true;
    }
    if (n instanceof A.DotExpressionContext) {
      const call = kid(n, A.DotMethodCallContext);
      const target = kid(n, A.ExpressionContext);
      const method = call && kid(call, A.AnyIdContext).getText().toLowerCase();
      if (call && target?.getText().toLowerCase() === 'database' && QUERY_METHODS.has(method)) {
        const arg = kids(kid(call, A.ExpressionListContext), A.ExpressionContext)[0];
        if (arg && !(arg instanceof A.PrimaryExpressionContext && arg.children[0] instanceof A.SoqlPrimaryContext)) {
          const folded = fold(model, file, arg);
          const skeleton = folded.ok ? null : foldSkeleton(model, file, arg);
          const via = `Database.${kid(call, A.AnyIdContext).getText()}`;
          if (folded.ok && typeof folded.value === 'string') found.dynamic.push({ node: arg, folded, via, call });
          else if (skeleton && LOOKS_LIKE_SOQL.test(skeleton.value))
            found.dynamic.push({ node: arg, folded: skeleton, via, call });
          else
            found.unresolved.push({
              node: arg,
              reason: folded.ok ? 'not a string' : folded.reason,
              via: `Database.${kid(call, A.AnyIdContext).getText()}`,
              call,
            });
        }
      }
      if (call && method === 'get' && target instanceof A.PrimaryExpressionContext) {
        const local = localsAt(n).get(target.getText().toLowerCase());
        if (local?.type?.name.toLowerCase() === 'aggregateresult') {
          const arg = kids(kid(call, A.ExpressionListContext), A.ExpressionContext)[0];
          const folded = arg && fold(model, file, arg);
          if (folded?.ok && typeof folded.value === 'string')
            found.aggregateGets.push({ node: arg, key: folded.value });
        }
      }
    }
    return true;
  });
  // One entry per expression (a Database.query argument is also a string expression).
  const byStart = new Map();
  for (const entry of found.unresolved) {
    const key = entry.node.start?.start;
    if (!byStart.has(key) || entry.via.startsWith('Database.')) byStart.set(key, entry);
  }
  found.unresolved = [...byStart.values()];
  return found;
}

/**
 * Whether a found query runs in user mode: static SOQL `WITH USER_MODE` / `WITH SECURITY_ENFORCED`; a Database
 * call with `AccessLevel.USER_MODE`. A constant whose call site is elsewhere counts as user mode (the project's
 * convention) - returns 'assumed' then.
 * @returns {'user'|'system'|'assumed'}
 */
export function accessModeOf(entry) {
  if (entry instanceof A.QueryContext) {
    const withClause = kid(entry, A.WithClauseContext);
    return withClause && /USER_MODE|SECURITY_ENFORCED/i.test(withClause.getText()) ? 'user' : 'system';
  }
  if (entry.call) return /USER_MODE/i.test(entry.call.getText()) ? 'user' : 'system';
  return 'assumed';
}

/** A readable name for a dynamic query: the constant or variable it initializes, when there is one. */
function dynamicLabel(node) {
  const declarator = node.parentCtx;
  if (declarator instanceof A.VariableDeclaratorContext)
    return `dynamic SOQL ${kid(declarator, A.IdContext).getText()}`;
  return 'dynamic SOQL';
}

/**
 * @param {object} [options]
 * @param {string} [options.projectDir]
 */
export async function run(options = {}) {
  const startedAt = Date.now();
  const projectDir = projectDirOf(options);
  const schema = await loadSchema(projectDir);
  const model = loadApexModel(projectDir);
  const problems = [];
  const info = [];
  const seen = new Set();
  const outputs = new Set();
  const aggregateGets = [];
  let staticCount = 0;
  let dynamicCount = 0;

  for (const file of model.files) {
    if (file.errors.length > 0) {
      info.push({
        file: file.rel,
        line: file.errors[0].line,
        message: `not fully checked: @apexdevtools/apex-parser reports a syntax error (${file.errors[0].message}); the apex-format stage has the details`,
      });
    }
    const found = findQueries(model, file);
    const report = (where, message) => {
      const key = `${where.file}:${where.line}:${message}`;
      if (seen.has(key)) return;
      seen.add(key);
      problems.push({ file: where.file, line: where.line, message });
    };
    for (const query of found.static) {
      if (!query) continue;
      staticCount++;
      const checker = new QueryChecker(schema, {
        label: 'SOQL',
        isStatic: true,
        position: (node) => ({ file: file.rel, line: lineOfNode(node) }),
        report,
      });
      checker.checkQueryNode(query, 'top', null);
      for (const name of checker.outputs) outputs.add(name.toLowerCase());
    }
    const checkedTexts = new Set();
    for (const { node, folded } of found.dynamic) {
      const key = `${folded.value}`;
      if (checkedTexts.has(key)) continue;
      checkedTexts.add(key);
      dynamicCount++;
      const { tree, errors } = parseApex(folded.value, 'query');
      const lineAt = (offset) => segmentAt(folded, offset ?? 0)?.line ?? lineOfNode(node);
      const label = dynamicLabel(node);
      const holes = folded.holes ?? [];
      if (holes.length > 0) {
        info.push({
          file: file.rel,
          line: lineOfNode(node),
          message: `dynamic SOQL partly checked (constant parts only): ${holes.map((h) => (h.startsWith('every ') || h.startsWith('the ') ? h : `'${h.slice(0, 60)}' replaced by a stand-in`)).join('; ')}`,
        });
      }
      if (errors.length > 0 && holes.length > 0) {
        info.push({
          file: file.rel,
          line: lineOfNode(node),
          message: `dynamic SOQL not checked: with stand-ins for its run-time parts it does not parse (${errors[0].message})`,
        });
        continue;
      }
      if (errors.length > 0) {
        report(
          { file: file.rel, line: lineAt(0) },
          `${label} does not parse as SOQL: ${errors[0].message} (in: ${folded.value.trim().slice(0, 160)})`,
        );
        continue;
      }
      const checker = new QueryChecker(schema, {
        label,
        isStatic: false,
        lenient: holes.length > 0,
        position: (n) => ({ file: file.rel, line: lineAt(n?.start?.start ?? n?.symbol?.start) }),
        report,
      });
      checker.checkQueryNode(tree, 'top', null);
      for (const name of checker.outputs) outputs.add(name.toLowerCase());
    }
    for (const { node, reason, via } of found.unresolved) {
      info.push({
        file: file.rel,
        line: lineOfNode(node),
        message: `dynamic SOQL not checked (${via}): built at run time from '${reason}' in ${sourceText(file.source, node).replace(/\s+/g, ' ').slice(0, 120)}`,
      });
    }
    aggregateGets.push(...found.aggregateGets.map((g) => ({ ...g, file })));
  }

  const unresolvedCount = info.filter((i) => /^dynamic SOQL (not|partly) checked/.test(i.message)).length;
  for (const { node, key, file } of aggregateGets) {
    if (outputs.has(key.toLowerCase())) continue;
    const entry = {
      file: file.rel,
      line: lineOfNode(node),
      message: `AggregateResult.get('${key}'): no aggregate query in the project selects '${key}' (an alias, exprN or a grouped field)${didYouMean(key, [...outputs])}`,
    };
    // With unresolved dynamic queries the name may come from one of them: list it instead of failing.
    if (unresolvedCount === 0) problems.push(entry);
    else
      info.push({
        ...entry,
        message: `${entry.message}; not a failure because ${unresolvedCount} dynamic quer(ies) could not be resolved`,
      });
  }

  const enclosing = model.files.length;
  return makeResult(NAME, startedAt, {
    problems,
    info,
    summary: `${staticCount} static and ${dynamicCount} dynamic SOQL quer(ies) in ${enclosing} Apex file(s) checked against ${schema.objects.size} objects (API ${schema.apiVersion} type library + ${schema.sourceObjects().length} from source); ${unresolvedCount} dynamic quer(ies) listed as not (fully) resolvable`,
  });
}

// Exported for tests and other checks.
export { QueryChecker, findQueries, enclosingClass };

if (isMain(import.meta.url)) await runMain(NAME, run);

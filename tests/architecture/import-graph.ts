/**
 * The repository's import graph, read with the TypeScript parser: for every
 * .ts/.tsx file, what it imports (static imports, re-exports and dynamic
 * `import()` calls alike), whether only types are imported (erased at
 * compile time), and where the target resolves to (a repository file, or a
 * package name). The boundary rules of import-boundaries.test.ts run over it.
 */
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

export interface ImportEdge {
  /** Repository-relative path of the importing file. */
  from: string;
  /** What the code says (`../db`, `@/lib/db/runs`, `zod`). */
  specifier: string;
  /** Repository-relative file it resolves to, or null for a package. */
  file: string | null;
  /** The package name (`zod`, `@tensorflow/tfjs`), or null for a repository file. */
  pkg: string | null;
  /** `import type …`, or every named binding marked `type`: nothing is loaded at run time. */
  typeOnly: boolean;
  dynamic: boolean;
}

const EXTS = ['.ts', '.tsx', '/index.ts', '/index.tsx'];

function resolveFile(root: string, fromFile: string, spec: string): string | null {
  let base: string;
  if (spec.startsWith('@/')) base = path.join(root, spec.slice(2));
  else if (spec.startsWith('.')) base = path.resolve(path.dirname(path.join(root, fromFile)), spec);
  else return null;
  const candidates = [base, ...EXTS.map((e) => base + e), base.replace(/\.js$/, '.ts')];
  for (const c of candidates) if (fs.existsSync(c) && fs.statSync(c).isFile()) return path.relative(root, c).split(path.sep).join('/');
  return path.relative(root, base).split(path.sep).join('/') + '?';
}

function packageName(spec: string): string {
  const parts = spec.split('/');
  return spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/** The imports of one file's source text. */
export function importsOf(root: string, file: string, text: string): ImportEdge[] {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false, file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const out: ImportEdge[] = [];
  const add = (specifier: string, typeOnly: boolean, dynamic: boolean) => {
    const local = specifier.startsWith('.') || specifier.startsWith('@/');
    out.push({ from: file, specifier, file: local ? resolveFile(root, file, specifier) : null, pkg: local ? null : packageName(specifier), typeOnly, dynamic });
  };
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const c = node.importClause;
      const named = c?.namedBindings && ts.isNamedImports(c.namedBindings) ? c.namedBindings.elements : null;
      const typeOnly = !!c && (c.isTypeOnly || (!c.name && !!named && named.length > 0 && named.every((e) => e.isTypeOnly)));
      add(node.moduleSpecifier.text, typeOnly, false);
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      const named = node.exportClause && ts.isNamedExports(node.exportClause) ? node.exportClause.elements : null;
      add(node.moduleSpecifier.text, node.isTypeOnly || (!!named && named.length > 0 && named.every((e) => e.isTypeOnly)), false);
    } else if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments[0] &&
      ts.isStringLiteralLike(node.arguments[0])
    ) {
      add(node.arguments[0].text, false, true);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
      add(node.argument.literal.text, true, false); // `import('x').T` in a type position
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

/** Every .ts/.tsx file under `dirs` (repository-relative), with its imports. */
export function importGraph(root: string, dirs: string[]): Map<string, ImportEdge[]> {
  const graph = new Map<string, ImportEdge[]>();
  const walk = (rel: string) => {
    const abs = path.join(root, rel);
    if (!fs.existsSync(abs)) return;
    for (const ent of fs.readdirSync(abs, { withFileTypes: true })) {
      const r = `${rel}/${ent.name}`;
      if (ent.isDirectory()) {
        if (ent.name === 'node_modules' || ent.name === 'build' || ent.name.startsWith('.')) continue;
        walk(r);
      } else if (/\.tsx?$/.test(ent.name) && !ent.name.endsWith('.d.ts')) {
        graph.set(r, importsOf(root, r, fs.readFileSync(path.join(root, r), 'utf8')));
      }
    }
  };
  dirs.forEach(walk);
  return graph;
}

/**
 * The chain of run-time (value) imports from `start` to the first file
 * matching `target`, or null when none is reachable. Type-only imports are
 * not followed: they load nothing.
 */
export function valuePathTo(graph: Map<string, ImportEdge[]>, start: string, target: (file: string) => boolean): string[] | null {
  const prev = new Map<string, string | null>([[start, null]]);
  const queue = [start];
  while (queue.length) {
    const f = queue.shift()!;
    if (f !== start && target(f)) {
      const chain = [f];
      for (let p = prev.get(f); p; p = prev.get(p)) chain.unshift(p);
      return chain;
    }
    for (const e of graph.get(f) ?? []) {
      if (e.typeOnly || !e.file || prev.has(e.file)) continue;
      prev.set(e.file, f);
      queue.push(e.file);
    }
  }
  return null;
}

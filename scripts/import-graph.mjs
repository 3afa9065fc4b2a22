#!/usr/bin/env node
/**
 * The import graph of src/: every static import, re-export, `import type` and dynamic `import()` between files of
 * src/, and the cycles it has, between files and between top-level folders of src/ (src/<folder>/…; a file directly
 * in src/, such as index.ts or errors.ts, is a unit of its own). Type-only imports count: a cycle of types is still a
 * cycle of design.
 *
 * Usage: node scripts/import-graph.mjs [--json] [--root src]
 *   prints a summary (files, edges, file cycles, folder cycles, folder edges); `--json` prints it as JSON.
 * test/architecture/layers.test.ts uses `importGraph()` to check that there are no cycles.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";

function listSources(dir) {
  const files = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) files.push(...listSources(path));
    else if (/\.(ts|mts|tsx)$/.test(name) && !name.endsWith(".d.ts")) files.push(path);
  }
  return files;
}

/** The module specifiers a file imports: static, type-only, re-exports and dynamic `import("…")` with a literal. */
function specifiersOf(path) {
  const source = ts.createSourceFile(path, readFileSync(path, "utf8"), ts.ScriptTarget.Latest, true);
  const found = [];
  const visit = (node) => {
    if (
      (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) &&
      node.moduleSpecifier !== undefined &&
      ts.isStringLiteral(node.moduleSpecifier)
    ) {
      found.push({ specifier: node.moduleSpecifier.text, dynamic: false });
    } else if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments.length > 0 &&
      ts.isStringLiteralLike(node.arguments[0])
    ) {
      found.push({ specifier: node.arguments[0].text, dynamic: true });
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) {
      const literal = node.argument.literal;
      if (ts.isStringLiteral(literal)) found.push({ specifier: literal.text, dynamic: false });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

function resolveLocal(from, specifier, known) {
  if (!specifier.startsWith(".")) return undefined;
  const base = resolve(dirname(from), specifier);
  const candidates = [
    base,
    base.replace(/\.js$/, ".ts"),
    base.replace(/\.mjs$/, ".mts"),
    base + ".ts",
    join(base, "index.ts"),
  ];
  return candidates.find((c) => known.has(c));
}

/** Strongly connected components with more than one node (Tarjan), each sorted, sorted by first member. */
function cyclesOf(nodes, edges) {
  let index = 0;
  const stack = [];
  const onStack = new Set();
  const indices = new Map();
  const low = new Map();
  const components = [];
  const strong = (v) => {
    indices.set(v, index);
    low.set(v, index);
    index++;
    stack.push(v);
    onStack.add(v);
    for (const w of edges.get(v) ?? []) {
      if (!indices.has(w)) {
        strong(w);
        low.set(v, Math.min(low.get(v), low.get(w)));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v), indices.get(w)));
    }
    if (low.get(v) === indices.get(v)) {
      const component = [];
      let w;
      do {
        w = stack.pop();
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || (edges.get(v) ?? new Set()).has(v)) components.push(component.sort());
    }
  };
  for (const v of nodes) if (!indices.has(v)) strong(v);
  return components.sort((a, b) => a[0].localeCompare(b[0]));
}

/** The top-level folder of a file; a file directly in src/ (index.ts, errors.ts) is a unit of its own. */
function folderOf(file) {
  const parts = file.split("/");
  return parts.length > 1 ? parts[0] : file;
}

/**
 * The import graph of the TypeScript files under `root` (default: src/ of this repository).
 * @returns `{ files, edges: [from, to, kind][], fileCycles: string[][], folderEdges, folderCycles: string[][] }`
 *   with paths relative to `root`, `/`-separated; `kind` is "static" or "dynamic".
 */
export function importGraph(root = resolve(dirname(fileURLToPath(import.meta.url)), "..", "src")) {
  const absolute = listSources(root);
  const known = new Set(absolute);
  const name = (p) => relative(root, p).split(sep).join("/");
  const edges = [];
  for (const file of absolute) {
    for (const { specifier, dynamic } of specifiersOf(file)) {
      const target = resolveLocal(file, specifier, known);
      if (target !== undefined) edges.push([name(file), name(target), dynamic ? "dynamic" : "static"]);
    }
  }
  const files = absolute.map(name).sort();
  const fileEdges = new Map(files.map((f) => [f, new Set()]));
  const folderEdgeMap = new Map();
  for (const [from, to] of edges) {
    fileEdges.get(from).add(to);
    const a = folderOf(from);
    const b = folderOf(to);
    if (a !== b) {
      if (!folderEdgeMap.has(a)) folderEdgeMap.set(a, new Set());
      folderEdgeMap.get(a).add(b);
    }
  }
  const folders = [...new Set(files.map(folderOf))].sort();
  const folderEdges = Object.fromEntries(folders.map((f) => [f, [...(folderEdgeMap.get(f) ?? [])].sort()]));
  return {
    files,
    edges,
    fileCycles: cyclesOf(files, fileEdges),
    folderEdges,
    folderCycles: cyclesOf(folders, folderEdgeMap),
  };
}

const isMain = process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const args = process.argv.slice(2);
  const rootIndex = args.indexOf("--root");
  const graph = importGraph(rootIndex >= 0 ? resolve(args[rootIndex + 1]) : undefined);
  if (args.includes("--json")) {
    console.log(JSON.stringify({ ...graph, edges: undefined }, null, 2));
  } else {
    console.log(`${graph.files.length} files, ${graph.edges.length} imports between them`);
    console.log(`file cycles (strongly connected sets of files): ${graph.fileCycles.length}`);
    for (const c of graph.fileCycles) console.log(`  ${c.join(" ↔ ")}`);
    console.log(`folder cycles (top-level folders of src/): ${graph.folderCycles.length}`);
    for (const c of graph.folderCycles) console.log(`  ${c.join(" ↔ ")}`);
    console.log("folder imports:");
    for (const [folder, targets] of Object.entries(graph.folderEdges)) {
      console.log(`  ${folder} → ${targets.join(", ") || "(none)"}`);
    }
  }
}

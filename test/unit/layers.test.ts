// Dependency directions (docs/architecture.md), checked on the real source tree: every import
// specifier of every file is resolved and must land in a folder its layer may depend on.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(join(root, dir))) {
    const path = join(dir, name);
    if (statSync(join(root, path)).isDirectory()) out.push(...sourceFiles(path));
    else if (/\.(ts|tsx)$/.test(name) && !name.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

function importsOf(file: string): string[] {
  const text = readFileSync(join(root, file), 'utf8');
  const specifiers = [...text.matchAll(/(?:^|\n)\s*(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]/g)];
  const dynamic = [...text.matchAll(/import\(\s*['"]([^'"]+)['"]\s*\)/g)];
  return [...specifiers, ...dynamic].map((m) => m[1]!);
}

/** A relative import resolved to a project path; a bare specifier stays as the package name. */
function target(file: string, specifier: string): string {
  if (!specifier.startsWith('.')) return specifier;
  return relative(root, resolve(root, dirname(file), specifier));
}

interface Rule {
  layer: string;
  /** Project folders (prefixes) and packages this layer may import. */
  mayImport: (to: string) => boolean;
}

const isNodeBuiltin = (to: string) => to.startsWith('node:');
const within =
  (...prefixes: string[]) =>
  (to: string) =>
    prefixes.some((p) => to === p || to.startsWith(`${p}/`));

const rules: Rule[] = [
  {
    layer: 'src/shared',
    mayImport: (to) => within('src/shared', 'sdk/src/protocol.ts', 'package.json')(to),
  },
  {
    layer: 'src/server',
    mayImport: (to) =>
      to !== 'electron' &&
      !to.startsWith('src/main') &&
      !to.startsWith('src/renderer') &&
      !to.startsWith('src/cli'),
  },
  {
    layer: 'src/renderer/src',
    mayImport: (to) =>
      !isNodeBuiltin(to) &&
      !['electron', 'better-sqlite3', 'ws'].includes(to) &&
      !within('src/main', 'src/server', 'src/cli', 'sdk')(to) &&
      (!to.startsWith('src/preload') || to === 'src/preload/api.ts'),
  },
  {
    layer: 'src/renderer/src/model',
    mayImport: (to) => !['react', 'react-dom', 'react/jsx-runtime'].includes(to) && !to.endsWith('.tsx'),
  },
  {
    layer: 'src/renderer/src/lib',
    mayImport: (to) => !['react', 'react-dom', 'react/jsx-runtime'].includes(to) && !to.endsWith('.tsx'),
  },
];

describe('dependency directions', () => {
  for (const rule of rules) {
    it(`${rule.layer} imports only what it may`, () => {
      let files: string[] = [];
      try {
        files = sourceFiles(rule.layer);
      } catch {
        return; // the layer has no files yet
      }
      const violations = files.flatMap((file) =>
        importsOf(file)
          .map((specifier) => target(file, specifier))
          .filter((to) => !rule.mayImport(to))
          .map((to) => `${file} → ${to}`),
      );
      expect(violations).toEqual([]);
    });
  }

  it('the SDK imports nothing outside sdk/ and no runtime packages', () => {
    let files: string[] = [];
    try {
      files = sourceFiles('sdk/src');
    } catch {
      return;
    }
    const violations = files.flatMap((file) =>
      importsOf(file)
        .filter((specifier) => {
          if (specifier.startsWith('.')) return !target(file, specifier).startsWith('sdk/');
          return !isNodeBuiltin(specifier);
        })
        .map((specifier) => `${file} → ${specifier}`),
    );
    expect(violations).toEqual([]);
  });

  it('finds imports in the files it checks (the scanner itself works)', () => {
    expect(importsOf('src/main/index.ts')).toContain('electron');
    expect(target('src/main/index.ts', '../shared/version.ts')).toBe('src/shared/version.ts');
  });
});

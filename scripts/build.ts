/**
 * `npm run build`: the services as JavaScript, for production (issue 15: no TypeScript compiled at
 * every start). Every .ts under apps/<service>/src and libs/<lib>/src (tests and the browser
 * console left out) is compiled with SWC, the compiler @swc-node/register uses at run time, with
 * the same decorator metadata Nest needs and the tsconfig paths (@aeo/...) rewritten to relative
 * requires; JSON files beside the code are copied. Output: dist/node/<same path>.js, e.g.
 *
 *   node dist/node/apps/accreditation/src/main.js
 */
import { transformFile } from '@swc/core';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

const ROOT = join(__dirname, '..');
export const OUT = join(ROOT, 'dist', 'node');
const SKIP_APPS = new Set(['console']);

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** The source files to compile or copy: each app's and lib's src, without tests. */
export function sources(): string[] {
  const roots = [
    ...readdirSync(join(ROOT, 'apps')).filter((a) => !SKIP_APPS.has(a)).map((a) => join(ROOT, 'apps', a, 'src')),
    ...readdirSync(join(ROOT, 'libs')).map((l) => join(ROOT, 'libs', l, 'src')),
  ];
  return roots
    .flatMap((r) => filesUnder(r))
    .filter((f) => (f.endsWith('.ts') && !f.endsWith('.spec.ts') && !f.endsWith('.d.ts')) || f.endsWith('.json'));
}

export async function build(): Promise<{ compiled: number; copied: number }> {
  const { compilerOptions } = JSON.parse(readFileSync(join(ROOT, 'tsconfig.base.json'), 'utf8'));
  rmSync(OUT, { recursive: true, force: true });
  let compiled = 0;
  let copied = 0;
  for (const file of sources()) {
    const target = join(OUT, relative(ROOT, file)).replace(/\.ts$/, '.js');
    mkdirSync(dirname(target), { recursive: true });
    if (file.endsWith('.json')) {
      copyFileSync(file, target);
      copied++;
      continue;
    }
    const output = await transformFile(file, {
      swcrc: false,
      sourceMaps: true,
      jsc: {
        parser: { syntax: 'typescript', decorators: true },
        transform: { legacyDecorator: true, decoratorMetadata: true },
        target: 'es2022',
        keepClassNames: true,
        baseUrl: ROOT,
        paths: compilerOptions.paths,
      },
      module: { type: 'commonjs' },
    });
    writeFileSync(target, `${output.code}\n//# sourceMappingURL=${target.split('/').pop()}.map\n`);
    if (output.map) writeFileSync(`${target}.map`, output.map);
    compiled++;
  }
  return { compiled, copied };
}

if (require.main === module) {
  const started = Date.now();
  build().then(
    ({ compiled, copied }) => console.log(`build: ${compiled} files compiled, ${copied} copied to ${relative(ROOT, OUT)} in ${((Date.now() - started) / 1000).toFixed(1)} s`),
    (e) => {
      console.error(`build: ${(e as Error).message}`);
      process.exit(1);
    },
  );
}

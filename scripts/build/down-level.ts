import { createRequire } from 'node:module';
import { transformAsync } from '@babel/core';

/**
 * Turns esbuild's ES2015 bundle into ES5 syntax (decision 0019 of docs/decisions, "The built
 * scripts are ES5, lowered by Babel"): the host's engine is unknown, and the only script known to
 * run there is ES5 plus `let`. Babel runs with exactly the ES2015 transforms the sources need,
 * named one by one, so that no browser data or preset decides what the output is; a construct
 * none of them covers is refused by the build's check (check-script.ts), which names it. Babel
 * lowers syntax only: the sources themselves keep to ES5's built-ins.
 */

/** The ES2015 syntax the sources use, each lowered by its own plugin. */
const TRANSFORMS = [
  'arrow-functions',
  'block-scoping',
  'destructuring',
  'for-of',
  'parameters',
  'shorthand-properties',
  'template-literals',
];

const resolvePlugin = createRequire(import.meta.url).resolve;

/**
 * What Babel may assume about the sources, so that it needs no helper functions (helpers would
 * read `Symbol` and `Array.from`, which ES5 lacks): every `for…of` and array destructuring walks
 * an array, and every template literal joins strings and numbers.
 */
const ASSUMPTIONS = {
  iterableIsArray: true,
  ignoreToPrimitiveHint: true,
};

export async function downLevel(code: string): Promise<string> {
  const result = await transformAsync(code, {
    babelrc: false,
    configFile: false,
    browserslistConfigFile: false,
    sourceType: 'script',
    compact: false,
    comments: true,
    assumptions: ASSUMPTIONS,
    plugins: TRANSFORMS.map((name) => resolvePlugin(`@babel/plugin-transform-${name}`)),
  });
  if (typeof result?.code !== 'string') throw new Error('Babel returned no code');
  return `${result.code}\n`;
}

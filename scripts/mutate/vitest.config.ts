import { fileURLToPath } from 'node:url';
import { defineConfig, mergeConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';
import base from '../../vitest.config';

/**
 * The test configuration of a mutation run: the project's own, with the test files run in the
 * order the runner lists them (in MUTATE_ORDER), quickest first, so that a mutation is killed as
 * early as possible. Vitest's own order puts the longest files first.
 */
class ListedOrder extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const order = (process.env.MUTATE_ORDER ?? '').split(',');
    const rank = (file: TestSpecification) => {
      const at = order.findIndex((name) => name !== '' && file.moduleId.endsWith(name));
      return at < 0 ? order.length : at;
    };
    return [...files].sort((a, b) => rank(a) - rank(b));
  }
}

export default mergeConfig(
  base,
  defineConfig({
    root: fileURLToPath(new URL('../..', import.meta.url)),
    test: { sequence: { sequencer: ListedOrder } },
  }),
);

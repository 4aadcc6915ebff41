import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** One mutant, whichever catalog it comes from: what a copy needs to plant it. */
export interface Planted {
  id: string;
  file: string;
  description: string;
  /** The file's text with the mutant in it. */
  mutate(source: string): string;
}

/** Process groups of the commands running now, so that an interrupted run can stop them. */
const running = new Set<number>();

/** Stops every command still running in any copy (on Ctrl-C or a kill of the runner). */
export function stopAll(): void {
  for (const pid of running) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
}

/**
 * A private copy of the repository to mutate, build and test in, so the working tree is never
 * touched. Files are copied (the ones git tracks plus new, not ignored ones); `node_modules`
 * is a real folder of links to the repository's packages, so each copy keeps its own
 * `node_modules/.vite` cache while sharing the installed packages.
 */
export class Workspace {
  private constructor(
    readonly dir: string,
    private readonly originals: Map<string, string>,
  ) {}

  /** The repository's files: the ones git tracks, and new ones it does not ignore. */
  static files(repo: string): string[] {
    const listed = spawnSync(
      'git',
      ['ls-files', '--cached', '--others', '--exclude-standard', '-z'],
      { cwd: repo, encoding: 'utf8' },
    );
    if (listed.status !== 0) throw new Error(`git ls-files failed: ${listed.stderr}`);
    return listed.stdout.split('\0').filter((file) => file !== '');
  }

  static create(repo: string, dir: string): Workspace {
    mkdirSync(dir, { recursive: true });
    for (const file of Workspace.files(repo)) {
      mkdirSync(dirname(join(dir, file)), { recursive: true });
      try {
        cpSync(join(repo, file), join(dir, file));
      } catch {
        // Deleted in the working tree but still tracked: the copy mirrors the working tree.
      }
    }
    const modules = join(dir, 'node_modules');
    mkdirSync(modules);
    for (const entry of readdirSync(join(repo, 'node_modules'))) {
      if (entry !== '.vite') symlinkSync(join(repo, 'node_modules', entry), join(modules, entry));
    }
    return new Workspace(dir, new Map());
  }

  /** Puts back the file an earlier mutant changed, then plants this one. */
  mutate(mutant: Planted | undefined): void {
    for (const [file, text] of this.originals) writeFileSync(join(this.dir, file), text);
    this.originals.clear();
    if (mutant === undefined) return;
    const path = join(this.dir, mutant.file);
    const source = readFileSync(path, 'utf8');
    this.originals.set(mutant.file, source);
    writeFileSync(path, mutant.mutate(source));
  }

  /**
   * Runs a command in the copy; resolves with its exit code (null when it was stopped). `order`:
   * the test files in the order vitest should run them (scripts/mutate/vitest.config.ts).
   */
  run(
    command: string,
    args: string[],
    timeoutMs: number,
    order: string[] = [],
  ): Promise<{ code: number | null; output: string; timedOut: boolean }> {
    return new Promise((resolve, reject) => {
      const child = spawn(command, args, {
        cwd: this.dir,
        detached: true,
        env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', MUTATE_ORDER: order.join(',') },
      });
      let output = '';
      const keep = (chunk: Buffer) => {
        output = (output + chunk.toString('utf8')).slice(-20_000);
      };
      child.stdout.on('data', keep);
      child.stderr.on('data', keep);
      const pid = child.pid;
      if (pid !== undefined) running.add(pid);
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        // The whole process group: vitest's workers would outlive their parent otherwise.
        if (pid !== undefined) process.kill(-pid, 'SIGKILL');
      }, timeoutMs);
      child.on('close', (code) => {
        clearTimeout(timer);
        if (pid !== undefined) running.delete(pid);
        resolve({ code, output, timedOut });
      });
      // A command that cannot start (node_modules changed under the run) says nothing about
      // the mutant: the run stops, and --resume goes on from the mutants already done.
      child.on('error', (error) => {
        clearTimeout(timer);
        reject(new Error(`${command} could not be started in ${this.dir}: ${error.message}`));
      });
    });
  }
}

/**
 * newsdesk's entry points as real child processes for the multi-process tests: started with Node and tsx's loader
 * (no wrapper process, so a signal reaches the process itself), their log lines kept, readiness awaited by a log
 * message with a deadline.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export class NewsdeskProcess {
  readonly lines: string[] = [];
  readonly exited: Promise<number | null>;
  private readonly child: ChildProcess;
  private waiters: Array<() => void> = [];

  constructor(
    readonly name: string,
    entry: string,
    env: NodeJS.ProcessEnv,
  ) {
    this.child = spawn(process.execPath, ['--import', 'tsx', entry], { cwd: PROJECT_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    for (const stream of [this.child.stdout!, this.child.stderr!]) {
      let rest = '';
      stream.setEncoding('utf8');
      stream.on('data', (chunk: string) => {
        const parts = (rest + chunk).split('\n');
        rest = parts.pop() ?? '';
        this.lines.push(...parts);
        for (const w of this.waiters) w();
      });
    }
    this.exited = new Promise((resolve) => this.child.on('exit', (code) => resolve(code)));
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  /** Resolves when a log line matches `pattern`; rejects at the deadline or if the process exits first. */
  waitForLine(pattern: RegExp, ms = 60_000): Promise<string> {
    return new Promise((resolve, reject) => {
      let done = false;
      const check = () => {
        const line = this.lines.find((l) => pattern.test(l));
        if (line && !done) {
          done = true;
          cleanup();
          resolve(line);
        }
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`${this.name}: no log line matching ${pattern} within ${ms} ms; last lines:\n${this.lines.slice(-15).join('\n')}`));
      }, ms);
      void this.exited.then((code) => {
        if (done) return;
        cleanup();
        reject(new Error(`${this.name} exited (${code}) before logging ${pattern}; last lines:\n${this.lines.slice(-15).join('\n')}`));
      });
      const cleanup = () => {
        done = true;
        clearTimeout(timer);
        this.waiters = this.waiters.filter((w) => w !== check);
      };
      this.waiters.push(check);
      check();
    });
  }

  kill(signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill(signal);
    return this.exited;
  }
}

/** A TCP port free on 127.0.0.1 now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Polls `check` until it returns a value (not undefined/false), or throws at the deadline. */
export async function eventually<T>(check: () => Promise<T | undefined | false>, ms: number, what: string): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > end) throw new Error(`not within ${ms} ms: ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

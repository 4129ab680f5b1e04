/** Where a command writes and which folder it runs in: the real process, or a test double. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  cwd: string;
  /** Standard output is a terminal: text output may be coloured. Left out (test doubles, pipes), it is not. */
  isTTY?: boolean;
  /** The environment colour and similar conventions are read from (`NO_COLOR`); left out, none is set. */
  env?: Readonly<Record<string, string | undefined>>;
}

/** What a command module gets when it registers itself. */
export interface CliContext {
  io: CliIo;
  /** The process exit code the command decided: 0 clean, 1 findings, 2 usage/config/internal error. */
  setExitCode(code: number): void;
}

/** A command file in `commands/`: adds its command to the program. */
export interface CommandModule {
  register(program: import('./commander').Command, context: CliContext): void;
}

/** An error that ends the command with a message and exit code 2 (usage, config, unreadable input). */
export class CliError extends Error {
  constructor(message: string, readonly exitCode = 2) {
    super(message);
    this.name = 'CliError';
  }
}

/** The real process's streams and working folder. */
export function processIo(): CliIo {
  return { stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t), cwd: process.cwd(), isTTY: process.stdout.isTTY === true, env: process.env };
}

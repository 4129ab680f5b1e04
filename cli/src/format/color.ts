import type { CliIo } from '../io';

/** Wraps text in an ANSI colour, or leaves it as it is when colour is off. */
export interface Paint {
  red(text: string): string;
  yellow(text: string): string;
  green(text: string): string;
  dim(text: string): string;
  bold(text: string): string;
}

/**
 * Whether text output is coloured: `--color` / `--no-color` decide when given; otherwise only a terminal gets
 * colour, and never when `NO_COLOR` is set to anything but "" (no-color.org) or `TERM` is "dumb".
 */
export function useColor(flag: boolean | undefined, io: CliIo): boolean {
  if (flag !== undefined) return flag;
  const env = io.env ?? {};
  if ((env.NO_COLOR ?? '') !== '' || env.TERM === 'dumb') return false;
  return io.isTTY === true;
}

/** The colours of one report: real escape codes, or none at all. */
export function paint(enabled: boolean): Paint {
  const wrap = (open: number, close: number) => (text: string) => (enabled && text !== '' ? `\u001b[${open}m${text}\u001b[${close}m` : text);
  return { red: wrap(31, 39), yellow: wrap(33, 39), green: wrap(32, 39), dim: wrap(2, 22), bold: wrap(1, 22) };
}

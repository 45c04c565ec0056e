// Reads `rollcall <command> [options]` with node's util.parseArgs in strict
// mode: an unknown option, a missing value or an extra argument is a usage
// error (exit 2), never silently ignored.

import { parseArgs } from 'node:util';

export type OptionSpec = {
  type: 'string' | 'boolean';
  value?: string;
  doc: string;
  multiple?: boolean;
  short?: string;
  /** Shown in the usage line; the command itself checks it (requiredOption). */
  required?: boolean;
};

export interface CommandSpec {
  /** The words that name it: `team create`, `simulate`. */
  name: string;
  /** Positional arguments as shown in usage, e.g. `<slug>`, `[file.json...]`. */
  args?: string;
  /** How many positionals it needs at least, and takes at most (Infinity for a list). */
  positionals?: [min: number, max: number];
  options?: Record<string, OptionSpec>;
  summary: string;
  /** Longer help printed by `rollcall <command> --help`. */
  details?: string;
}

export interface ParsedCommand {
  values: Record<string, string | string[] | boolean | undefined>;
  positionals: string[];
}

/** A mistake in how the command was typed: exit 2. */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly command?: CommandSpec,
  ) {
    super(message);
  }
}

export const GLOBAL_OPTIONS: Record<string, OptionSpec> = {
  json: { type: 'boolean', doc: 'print JSON for scripts (errors too, as {"error":{"code","message"}})' },
  help: { type: 'boolean', short: 'h', doc: 'print this command\'s usage and exit 0' },
};

export function parseCommand(spec: CommandSpec, argv: string[]): ParsedCommand {
  const options = { ...GLOBAL_OPTIONS, ...spec.options };
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: true,
      options: Object.fromEntries(Object.entries(options).map(([name, o]) => [name, { type: o.type, ...(o.multiple ? { multiple: true } : {}), ...(o.short ? { short: o.short } : {}) }])),
    });
  } catch (error) {
    // parseArgs throws TypeErrors with ERR_PARSE_ARGS_* codes and a readable message.
    if (error instanceof TypeError && String((error as { code?: string }).code).startsWith('ERR_PARSE_ARGS')) {
      throw new UsageError(error.message.replace(/\. To specify a positional argument.*$/s, ''), spec);
    }
    throw error;
  }
  const values = parsed.values as ParsedCommand['values'];
  if (values.help) return { values, positionals: parsed.positionals };
  const [min, max] = spec.positionals ?? [0, 0];
  if (parsed.positionals.length > max) {
    throw new UsageError(`unexpected argument "${parsed.positionals[max]}" for rollcall ${spec.name}`, spec);
  }
  if (parsed.positionals.length < min) throw new UsageError(`rollcall ${spec.name} needs ${spec.args}`, spec);
  for (const [name, o] of Object.entries(spec.options ?? {})) {
    const v = values[name];
    if (o.type === 'string' && typeof v === 'string' && v.trim() === '') throw new UsageError(`--${name} needs a value`, spec);
  }
  return { values, positionals: parsed.positionals };
}

export function stringOption(values: ParsedCommand['values'], name: string): string | undefined {
  const v = values[name];
  return typeof v === 'string' ? v : undefined;
}

export function requiredOption(values: ParsedCommand['values'], name: string, spec?: CommandSpec): string {
  const v = stringOption(values, name);
  if (!v) throw new UsageError(`--${name} is required`, spec);
  return v;
}

/** A whole number within bounds, or a usage error naming the option. */
export function integerOption(values: ParsedCommand['values'], name: string, fallback: number, min: number, max: number, spec?: CommandSpec): number {
  const raw = stringOption(values, name);
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || n < min || n > max) throw new UsageError(`--${name} must be a whole number from ${min} to ${max}`, spec);
  return n;
}

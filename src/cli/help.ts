// Usage text for `rollcall --help`, `rollcall <noun> --help` and
// `rollcall <command> --help`, generated from the command table so the help
// always lists the options the parser accepts.

import { GLOBAL_OPTIONS, type CommandSpec, type OptionSpec } from './args.js';

const EXIT_CODES = 'Exit codes: 0 done, 1 the command failed (e.g. no such team), 2 usage error (unknown command or option, missing argument).';
const CONFIG_NOTE =
  'Configuration comes from the same environment variables as the server\n(ROLLCALL_DATABASE_URL, ROLLCALL_PUBLIC_URL, ...): see docs/configuration.md. Full reference: docs/cli.md.';

/** `team create <slug>`, then the required options, as a user must type them. */
function head(spec: CommandSpec): string {
  const required = Object.entries(spec.options ?? {}).filter(([, o]) => o.required).map(([name, o]) => ` --${name}${o.value ? ` ${o.value}` : ''}`);
  return `${spec.name}${spec.args ? ` ${spec.args}` : ''}${required.join('')}`;
}

function synopsis(spec: CommandSpec): string {
  const optional = Object.values(spec.options ?? {}).some((o) => !o.required);
  return `rollcall ${head(spec)}${optional ? ' [options]' : ''}`;
}

function optionLines(options: Record<string, OptionSpec>): string[] {
  const heads = Object.entries(options).map(([name, o]) => `  ${o.short ? `-${o.short}, ` : ''}--${name}${o.value ? ` ${o.value}` : ''}`);
  const width = Math.min(40, Math.max(...heads.map((h) => h.length)) + 2);
  return Object.values(options).map((o, i) => (heads[i].length + 2 > width ? `${heads[i]}\n${' '.repeat(width)}${o.doc}` : `${heads[i].padEnd(width)}${o.doc}`));
}

function commandList(commands: CommandSpec[]): string[] {
  const heads = commands.map((c) => `  ${head(c)}`);
  const width = Math.min(44, Math.max(...heads.map((h) => h.length)) + 2);
  return commands.map((c, i) => (heads[i].length + 2 > width ? `${heads[i]}\n${' '.repeat(width)}${c.summary}` : `${heads[i].padEnd(width)}${c.summary}`));
}

export function globalHelp(commands: CommandSpec[]): string {
  return [
    'usage: rollcall <command> [options]',
    '',
    'Commands:',
    ...commandList(commands),
    '',
    'Options for every command:',
    ...optionLines(GLOBAL_OPTIONS),
    '',
    'rollcall <command> --help prints a command\'s options.',
    EXIT_CODES,
    '',
    CONFIG_NOTE,
  ].join('\n');
}

export function groupHelp(noun: string, commands: CommandSpec[]): string {
  return [`usage: rollcall ${noun} <${commands.map((c) => c.name.split(' ')[1]).join('|')}> [options]`, '', ...commandList(commands), '', `rollcall ${noun} <command> --help prints its options.`].join('\n');
}

export function commandHelp(spec: CommandSpec): string {
  return [
    `usage: ${synopsis(spec)}`,
    '',
    spec.summary,
    ...(spec.details ? ['', spec.details] : []),
    '',
    'Options:',
    ...optionLines({ ...spec.options, ...GLOBAL_OPTIONS }),
    '',
    EXIT_CODES,
  ].join('\n');
}

// Validates pattern files (and the rules of a user config) against patterns/schema.json; errors name file, rule and field.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { LeaksweepError } from '../errors.js';

const SCHEMA_FILE = fileURLToPath(new URL('../../patterns/schema.json', import.meta.url));

let validators: { file: ValidateFunction; rule: ValidateFunction } | null = null;

/** Compiled on first use: a scan served from the build-time cache never pays for it. */
function compile(): { file: ValidateFunction; rule: ValidateFunction } {
  if (validators) return validators;
  const Ajv2020 = (createRequire(import.meta.url)('ajv/dist/2020') as { default: new (options: object) => import('ajv').default }).default;
  const ajv = new Ajv2020({ allErrors: false, strict: false });
  const schema = JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')) as { $id: string };
  ajv.addSchema(schema);
  validators = { file: ajv.getSchema(schema.$id)!, rule: ajv.getSchema(`${schema.$id}#/$defs/rule`)! };
  return validators;
}

function describe(error: ErrorObject): string {
  const field = error.instancePath.split('/').slice(3).join('.') || (error.params as { missingProperty?: string; additionalProperty?: string }).missingProperty;
  const extra = (error.params as { additionalProperty?: string }).additionalProperty;
  if (extra) return `unknown field "${extra}"`;
  if (error.keyword === 'required') {
    const at = error.instancePath.split('/').slice(3);
    return `field "${[...at, (error.params as { missingProperty: string }).missingProperty].join('.')}" is required`;
  }
  const allowed = (error.params as { allowedValues?: unknown[] }).allowedValues;
  return `field "${field}" ${error.message}${allowed ? ` (${allowed.join(', ')})` : ''}`;
}

function ruleIdAt(doc: unknown, path: string): string | undefined {
  const index = /^\/rules\/(\d+)/.exec(path)?.[1];
  if (index === undefined) return undefined;
  const rule = (doc as { rules: unknown[] }).rules[Number(index)] as { id?: unknown } | undefined;
  return typeof rule?.id === 'string' ? rule.id : `#${Number(index) + 1}`;
}

export function validatePatternDocument(doc: unknown, file: string): void {
  const validate = compile().file;
  if (validate(doc)) return;
  const error = validate.errors![0];
  const id = ruleIdAt(doc, error.instancePath);
  const what = id ? describe(error) : `${error.instancePath || 'the file'} ${error.message}`;
  throw new LeaksweepError('RULE_INVALID', `${file}${id ? ` rule "${id}"` : ''}: ${what}`);
}

/** One rule of a user config, `where` naming the file and position. */
export function validateRuleDocument(rule: unknown, file: string, index: number): void {
  const validate = compile().rule;
  if (validate(rule)) return;
  const error = validate.errors![0];
  const id = typeof (rule as { id?: unknown })?.id === 'string' ? (rule as { id: string }).id : `#${index + 1}`;
  const extra = (error.params as { additionalProperty?: string }).additionalProperty;
  const missing = (error.params as { missingProperty?: string }).missingProperty;
  const field = [error.instancePath.slice(1).replace(/\//g, '.'), missing].filter(Boolean).join('.');
  const what = extra ? `unknown field "${extra}"` : error.keyword === 'required' ? `field "${field}" is required` : `field "${field}" ${error.message}`;
  throw new LeaksweepError('CONFIG_INVALID', `${file} rule "${id}": ${what}`);
}

// YAML as plain data only (rule packs, user config): no custom or language tags, no cycles, no alias bombs.
import { createRequire } from 'node:module';

/** Loaded on demand: parsing YAML is not needed when the build-time rule cache answers. */
function yamlLibrary(): typeof import('yaml') {
  return createRequire(import.meta.url)('yaml') as typeof import('yaml');
}

/**
 * The data a YAML text holds, as JSON would hold it; throws an Error whose message is one line, with the
 * line and column when the parser gives them. Tags other than the core schema's (e.g. !!js/function,
 * !!binary) are refused rather than turned into strings, so no document means more than it says.
 */
export function parseYamlData(text: string): unknown {
  const yaml = yamlLibrary();
  const doc = yaml.parseDocument(text, { schema: 'core', resolveKnownTags: false, logLevel: 'silent', uniqueKeys: true });
  const problem = doc.errors[0] ?? doc.warnings[0];
  if (problem) {
    // the library's first line already says where ("… at line 2, column 1:")
    throw new Error(problem.message.split('\n')[0].replace(/:\s*$/, ''));
  }
  // an alias that refers to itself makes a cycle: no rule or setting needs one, and they break everything downstream
  const value = doc.toJS({ maxAliasCount: 100 });
  try {
    return JSON.parse(JSON.stringify(value) ?? 'null');
  } catch {
    throw new Error('an alias refers to itself (a cycle); write the value out');
  }
}

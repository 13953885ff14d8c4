// An image config as text to scan: the fields a build writes secrets into, and each history step's command.
import type { ImageConfig } from './image-manifest.js';

export interface ConfigItem {
  /** `config:Env`, `config:Labels` … or `history:created_by` */
  path: string;
  text: string;
  /** history: the step's index in the config's history */
  step?: number;
  /** history: the index of the layer the step made (steps like ENV and ARG make none) */
  layer?: number;
}

/** Fields whose values come from the Dockerfile or the build command; lists are written one entry a line. */
const FIELDS = ['Env', 'Cmd', 'Entrypoint', 'Labels', 'OnBuild', 'Healthcheck', 'Shell', 'User', 'WorkingDir', 'StopSignal'] as const;

function textOf(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map((entry) => (typeof entry === 'string' ? entry : JSON.stringify(entry))).join('\n');
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value).map(([key, entry]) => `${key}=${typeof entry === 'string' ? entry : JSON.stringify(entry)}`).join('\n');
  }
  return null;
}

export function configItems(config: ImageConfig): ConfigItem[] {
  const items: ConfigItem[] = [];
  const fields = config.config ?? {};
  for (const field of FIELDS) {
    const text = textOf(fields[field]);
    if (text) items.push({ path: `config:${field}`, text });
  }
  let layer = 0;
  for (const [step, entry] of (Array.isArray(config.history) ? config.history : []).entries()) {
    const made = entry?.empty_layer === true ? undefined : layer++;
    // `|1 TOKEN=… /bin/sh -c …`: a RUN step lists the build args it saw, values included
    const text = typeof entry?.created_by === 'string' ? entry.created_by : '';
    if (text) items.push({ path: 'history:created_by', text, step, ...(made === undefined ? {} : { layer: made }) });
  }
  return items;
}

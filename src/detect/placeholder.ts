// Recognises secrets that are obviously not secrets: templates, references and filler values.

const TEMPLATE_SHAPES: RegExp[] = [
  /^\$\{[^}]*\}$/, // ${VAR}
  /^\$[A-Za-z_][A-Za-z0-9_]*$/, // $VAR
  /\$\{\{[^}]*\}\}/, // ${{ secrets.X }}
  /^\{\{.*\}\}$/, // {{ value }}
  /^<[^<>]+>$/, // <your-token>
  /^%\([^)]+\)[sd]$/, // %(name)s
  /^#\{[^}]*\}$/, // #{value}
  /^\[?redacted\]?$/i,
];

const FILLER_WORDS = ['changeme', 'change_me', 'your_api_key', 'yourapikey', 'your-api-key', 'placeholder', 'password', 'secret', 'example', 'dummy'];

/** True when every character is the same, e.g. `xxxxxxxx` or `********`. */
function isRepeated(secret: string): boolean {
  return secret.length > 0 && secret.split('').every((char) => char === secret[0]);
}

export function isPlaceholder(secret: string): boolean {
  if (TEMPLATE_SHAPES.some((shape) => shape.test(secret))) return true;
  if (isRepeated(secret)) return true;
  const lower = secret.toLowerCase().replace(/^["']|["']$/g, '');
  return FILLER_WORDS.includes(lower) || /^x{4,}$/i.test(lower) || /^\*{3,}$/.test(lower);
}

// Recognises secrets that are obviously not secrets: templates, references, calls and filler values.

const TEMPLATE_SHAPES: RegExp[] = [
  /^\$\{[^}]*\}$/, // ${VAR}
  /^\$[A-Za-z_][A-Za-z0-9_]*$/, // $VAR
  /\$\{\{[^}]*\}\}/, // ${{ secrets.X }}
  /^\{\{.*\}\}$/, // {{ value }}
  /^\{\{/, // a template cut by the regex at a space: {{
  /^<[^<>]+>$/, // <your-token>
  /^%\([^)]+\)[sd]$/, // %(name)s
  /^%[A-Za-z_][A-Za-z0-9_]*%$/, // %VAR% (Windows)
  /^#\{[^}]*\}$/, // #{value}
  /^\[?redacted\]?$/i,
  /^[A-Za-z_][A-Za-z0-9_.]*\([^)]*\)$/, // a call: get_secret(), os.getenv("X")
  /^(?:process\.env|os\.environ|ENV|System\.getenv)\b/, // a read of the environment
];

const FILLER_WORDS = ['changeme', 'change_me', 'your_api_key', 'yourapikey', 'your-api-key', 'placeholder', 'password', 'secret', 'example', 'dummy', 'none', 'null', 'undefined'];

/** All one character, or only two distinct ones (`xxxxx`, `********`, `abababab`). */
function isLowVariety(secret: string): boolean {
  return secret.length >= 4 && new Set(secret).size <= 2;
}

/** Mostly ascending or descending runs: `abcdefgh`, `12345678`, `0123456789abcdef`, `zyxwvu`. */
function isSequential(secret: string): boolean {
  if (secret.length < 6) return false;
  let steps = 0;
  for (let i = 1; i < secret.length; i += 1) {
    const delta = secret.charCodeAt(i) - secret.charCodeAt(i - 1);
    if (delta === 1 || delta === -1) steps += 1;
  }
  return steps / (secret.length - 1) >= 0.8;
}

export function isPlaceholder(secret: string): boolean {
  if (TEMPLATE_SHAPES.some((shape) => shape.test(secret))) return true;
  const bare = secret.toLowerCase().replace(/^["']|["']$/g, '');
  return FILLER_WORDS.includes(bare) || isLowVariety(bare) || isSequential(bare);
}

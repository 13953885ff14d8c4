// Characters per BPE token: words and identifiers encode in few long tokens, machine-made secrets in many short ones.
// Measured on text the team did not write (bench/realworld/token-efficiency.js): for base64-shaped values it separates
// secrets from generated names where Shannon entropy cannot.

type Encode = (text: string) => number[];

let encoder: Promise<Encode> | null = null;

/** The cl100k_base encoder, loaded on first use (~0.25 s): scans without a value to judge never pay for it. */
function loadEncoder(): Promise<Encode> {
  encoder ??= import('gpt-tokenizer/encoding/cl100k_base').then((module) => module.encode as Encode);
  return encoder;
}

export async function charsPerToken(value: string): Promise<number> {
  if (value.length === 0) return 0;
  const encode = await loadEncoder();
  return value.length / encode(value).length;
}

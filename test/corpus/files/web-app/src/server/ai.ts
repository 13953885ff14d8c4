import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';

const anthropic = new Anthropic({ apiKey: 'sk-ant-api03-kPpyKIN09oVaYyu3SYf1sovwBrHk26ZHx-6zy3dWnVqvlw2kDrc9Rt7MtcRAozyAaIVj5omYj0BvJBbNYsTkb_yf1Y7reAA' });
const openai = new OpenAI({ apiKey: "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" });
const fallbackKey = process.env.OPENAI_API_KEY ?? '';

export async function classify(text: string): Promise<string> {
  const msg = await anthropic.messages.create({
    model: 'claude-3-5-haiku-latest',
    max_tokens: 64,
    messages: [{ role: 'user', content: text }],
  });
  return msg.content[0].type === 'text' ? msg.content[0].text : '';
}

/**
 * The certificate serial's check symbol, as the server computes it (src/Domain/Certificates/Serial.cs): 12 symbols
 * of Crockford's base32, the last a Damm check over GF(32). Lets the form catch a typo while it is typed.
 */
export const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const length = 12;

export type SerialCheck = 'empty' | 'incomplete' | 'invalid' | 'typo' | 'ok';

/** Upper-cases, drops spaces and hyphens, reads O as 0 and I, L as 1; null when a symbol is not in the alphabet. */
export function normalizeSerial(input: string): string | null {
  let symbols = '';
  for (const raw of input.toUpperCase()) {
    if (raw === ' ' || raw === '-') continue;
    const symbol = raw === 'O' ? '0' : raw === 'I' || raw === 'L' ? '1' : raw;
    if (!alphabet.includes(symbol)) return null;
    symbols += symbol;
  }
  return symbols;
}

export function checkSerial(input: string): SerialCheck {
  const symbols = normalizeSerial(input);
  if (symbols === null) return 'invalid';
  if (symbols.length === 0) return 'empty';
  if (symbols.length < length) return 'incomplete';
  if (symbols.length > length) return 'invalid';
  return fold(symbols) === 0 ? 'ok' : 'typo';
}

/** The canonical form XXXX-XXXX-XXXX of a serial that checks out. */
export function formatSerial(symbols: string): string {
  return `${symbols.slice(0, 4)}-${symbols.slice(4, 8)}-${symbols.slice(8)}`;
}

/** The symbol that completes an 11-symbol body. */
export function checkSymbol(body: string): string {
  return alphabet[times2(fold(body))] ?? '';
}

function fold(symbols: string): number {
  let state = 0;
  for (const symbol of symbols) state = times2(state) ^ alphabet.indexOf(symbol);
  return state;
}

function times2(element: number): number {
  return element & 0x10 ? ((element << 1) ^ 0x25) & 0x1f : element << 1;
}

import { describe, expect, it } from 'vitest';
import { alphabet, checkSerial, checkSymbol, formatSerial, normalizeSerial } from './serial';

const body = '7K2M9QX4TD8';
const serial = body + checkSymbol(body);

describe('serial check', () => {
  it('accepts a serial however it is typed', () => {
    expect(checkSerial(formatSerial(serial))).toBe('ok');
    expect(checkSerial(` ${serial.toLowerCase()} `)).toBe('ok');
    expect(normalizeSerial('o0-il')).toBe('0011');
  });

  it('says a short serial is incomplete and a foreign symbol invalid', () => {
    expect(checkSerial('')).toBe('empty');
    expect(checkSerial('7K2M-9Q')).toBe('incomplete');
    expect(checkSerial('7K2M-9QU')).toBe('invalid');
    expect(checkSerial(serial + '7')).toBe('invalid');
  });

  it('catches every single mistyped symbol', () => {
    for (let position = 0; position < serial.length; position++) {
      for (const other of alphabet) {
        if (other === serial[position]) continue;
        expect(checkSerial(serial.slice(0, position) + other + serial.slice(position + 1))).toBe('typo');
      }
    }
  });

  it('catches two different neighbours swapped', () => {
    for (let i = 0; i < serial.length - 1; i++) {
      if (serial[i] === serial[i + 1]) continue;
      const swapped = serial.slice(0, i) + serial[i + 1] + serial[i] + serial.slice(i + 2);
      expect(checkSerial(swapped)).toBe('typo');
    }
  });
});

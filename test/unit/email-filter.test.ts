import { describe, expect, it } from 'vitest';
import { emailFilter, sameEmail } from '../../src/goto/filter';

describe('emailFilter', () => {
  it('has the literal address, then a case-insensitive pattern', () => {
    expect(emailFilter('jane.doe@example.com')).toBe(
      '(email="jane.doe@example.com") | (email="(?i)jane.doe@example.com")',
    );
  });

  it('stands a `.` for every regular-expression metacharacter in the pattern only', () => {
    const email = 'a+b^c$d|e?f*g(h)i[j]k{l}m\\n@example.com';
    const filter = emailFilter(email);
    expect(filter.startsWith(`(email="${email}") | `)).toBe(true);
    expect(filter).toContain('(email="(?i)a.b.c.d.e.f.g.h.i.j.k.l.m.n@example.com")');
  });

  it('finds a plus-address in any case when GoTo reads the pattern as a regex', () => {
    const pattern = emailFilter('First+Tag@Example.com').match(/\(\?i\)([^"]+)/)?.[1] ?? '';
    expect(new RegExp(`^${pattern}$`, 'i').test('first+tag@example.com')).toBe(true);
  });
});

describe('sameEmail', () => {
  it('compares without regard to case', () => {
    expect(sameEmail('Jane.Doe@Example.COM', 'jane.doe@example.com')).toBe(true);
    expect(sameEmail('jane.doe@example.com', 'jane.doe@example.co')).toBe(false);
  });
});

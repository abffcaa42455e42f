import { inScope } from './principal.js';

describe('inScope', () => {
  const town = '500117000000.500117106000';
  it.each([
    ['its own unit', town, true],
    ['a village below', `${town}.500117106203`, true],
    ['the district above', '500117000000', false],
    ['a sibling town', '500117000000.500117107000', false],
    ['a code that merely starts with the same digits', '500117000000.5001171060001', false],
  ])('%s', (_label, path, expected) => {
    expect(inScope(town, path)).toBe(expected);
  });

  it('is true when any of the paths is in scope', () => {
    expect(inScope(town, '500117000000.500117107000', `${town}.500117106203`)).toBe(true);
  });
});

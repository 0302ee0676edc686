import { describe, expect, it } from 'vitest';
import { normalizeSpokenNumbers, toOriginalSpan } from '../../../main/text/spoken-numbers.js';

describe('normalizeSpokenNumbers', () => {
  it.each([
    ['four five five six', '4556'],
    ['eighty four pounds', '84 pounds'],
    ['eighty-four pounds', '84 pounds'],
    ['one hundred and twenty pounds', '120 pounds'],
    ['a hundred pounds', '100 pounds'],
    ['two thousand and five', '2005'],
    ['three thousand four hundred and fifty six', '3456'],
    ['nineteen eighty five', '1985'],
    ['twenty twenty three', '2023'],
    ['double four', '44'],
    ['triple seven one', '7771'],
    ['oh seven seven double four', '07744'],
    ['zero one two', '012'],
    ['seven oh nine', '709'],
    ['twelve Baker Street', '12 Baker Street'],
    ['Four five five six, seven three seven five', '4556, 7375'],
    ['the security code is one two three.', 'the security code is 123.'],
    ['twenty one', '21'],
    ['eleven pounds less', '11 pounds less'],
    ['it is 4556 already', 'it is 4556 already'],
    // "oh" is a zero only inside a run of at least three digits; the other number words still convert.
    ['Oh, two things.', 'Oh, 2 things.'],
    ['oh two', 'oh 2'],
  ])('%s → %s', (input, output) => {
    expect(normalizeSpokenNumbers(input).text).toBe(output);
  });

  it.each([
    ['Oh great, that was quick.'],
    ['nothing here at all'],
    ['This is the third time this month.'],
    ['this call may be recorded'],
    ['I want a refund'],
  ])('leaves "%s" alone', (input) => {
    expect(normalizeSpokenNumbers(input).text).toBe(input);
  });

  it.each([
    ['twelfth of March', 12, 3, null, '12 March'],
    ['March the twelfth', 12, 3, null, '12 March'],
    ['twelfth of March nineteen eighty five', 12, 3, 1985, '12 March 1985'],
    ['the twenty first of June 2001', 21, 6, 2001, 'the 21 June 2001'],
    ['twenty-first of June', 21, 6, null, '21 June'],
    ['March 12th, 1985', 12, 3, 1985, '12 March 1985'],
    ['3rd October', 3, 10, null, '3 October'],
    ['12 March', 12, 3, null, '12 March'],
    ['on the third of October', 3, 10, null, 'on the 3 October'],
    ['May the fourth', 4, 5, null, '4 May'],
    ['thirty first of December two thousand and one', 31, 12, 2001, '31 December 2001'],
  ])('date: %s', (input, day, month, year, text) => {
    const n = normalizeSpokenNumbers(input);
    expect(n.text).toBe(text);
    expect(n.dates).toHaveLength(1);
    expect(n.dates[0]).toMatchObject({ day, month, year });
  });

  it('does not take the verb "may" for a month', () => {
    expect(normalizeSpokenNumbers('you may first need to call').dates).toHaveLength(0);
  });

  it('maps spans in the normalised text back to the original words', () => {
    const original = 'my card is four five five six, ok? and it was eighty four pounds';
    const n = normalizeSpokenNumbers(original);
    const at = n.text.indexOf('4556');
    const span = toOriginalSpan(n, at, at + 4);
    expect(original.slice(span.start, span.end)).toBe('four five five six');
    const ok = n.text.indexOf('ok?');
    const okSpan = toOriginalSpan(n, ok, ok + 3);
    expect(original.slice(okSpan.start, okSpan.end)).toBe('ok?');
    const money = n.text.indexOf('84 pounds');
    const moneySpan = toOriginalSpan(n, money, money + '84 pounds'.length);
    expect(original.slice(moneySpan.start, moneySpan.end)).toBe('eighty four pounds');
  });

  it('maps date spans back to the spoken date', () => {
    const original = 'Maria Lopez, twelfth of March nineteen eighty five.';
    const n = normalizeSpokenNumbers(original);
    const d = n.dates[0]!;
    expect(original.slice(d.origStart, d.origEnd)).toBe('twelfth of March nineteen eighty five');
    const span = toOriginalSpan(n, d.normStart, d.normEnd);
    expect(original.slice(span.start, span.end)).toBe('twelfth of March nineteen eighty five');
  });

  it('is linear enough for an hour of speech', () => {
    const line = 'four five five six and then we talked about the bill for twenty minutes, oh great. ';
    const big = line.repeat(5000);
    const t0 = performance.now();
    const n = normalizeSpokenNumbers(big);
    expect(performance.now() - t0).toBeLessThan(2000);
    expect(n.text.startsWith('4556 and then')).toBe(true);
  });
});

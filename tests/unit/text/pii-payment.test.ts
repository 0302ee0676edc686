import { describe } from 'vitest';
import { assertCaseCount, group, runCases, spell, type PiiCase } from './pii-helpers.js';

const ASK = 'Please read me the long number on the card.';
const VALID = [
  '4556737586899855',
  '4111111111111111',
  '5555555555554444',
  '378282246310005',
  '6011111111111117',
  '4012888888881881',
  '5105105105105100',
  '3530111333300000',
  '2223003122003222',
  '36227206271667',
  '4222222222222',
];

const cardCases: PiiCase[] = [
  // Positives: written, grouped, spoken, with and without the agent asking.
  ...VALID.map((d) => ({ q: ASK, a: `It is ${group(d)}.`, hit: group(d) })),
  ...VALID.slice(0, 6).map((d) => ({ q: ASK, a: `${spell(d)}.`, hit: spell(d) })),
  { a: 'my card is 4111111111111111 thanks', hit: '4111111111111111' },
  // 19 digits written as one block (grouped 4-4-4-4-3, the last three would read as a CVV).
  { q: ASK, a: 'card 4917610000000000003', hit: '4917610000000000003' },
  { a: 'visa debit 4242-4242-4242-4242', hit: '4242-4242-4242-4242' },
  { q: ASK, a: 'four double five six, seven three seven five, eight six eight nine, nine eight double five', hit: 'four double five six, seven three seven five, eight six eight nine, nine eight double five' },
  { q: ASK, a: 'OK so 5105 1051 0510 5100 expiry next year', hit: '5105 1051 0510 5100' },
  { q: 'What card would you like to use?', a: 'Mastercard, 5555 5555 5555 4444.', hit: '5555 5555 5555 4444' },
  // One misheard digit breaks Luhn; with a card request just before it is still a (less sure) card.
  { q: ASK, a: '4556 7375 8689 9856', hit: '4556 7375 8689 9856' },
  // Negatives: references, orders, accounts, money, wrong length, wrong scheme, no Luhn without context.
  { a: 'my order number is 4111 1111 1111 1111', hit: null },
  { a: 'the reference is 4556737586899855', hit: null },
  { a: 'tracking number 4012888888881881 please', hit: null },
  { q: 'Can I have your account number?', a: 'account number 5105105105105100', hit: null },
  { a: 'policy number 378282246310005', hit: null },
  { a: 'ticket 6011111111111117 was raised', hit: null },
  { a: 'invoice 4242424242424242 is wrong', hit: null },
  { a: 'the meter serial is 5555555555554444', hit: null },
  { a: 'I paid 4556737586899856 last week', hit: null },
  { a: 'number 1234567812345670', hit: null },
  { a: '8888 8888 8888 8888', hit: null },
  { a: '4111 1111 1111', hit: null },
  { a: '4111 1111 1111 1111 1111 1111', hit: null },
  { a: 'eighty four pounds', hit: null },
  { a: 'one hundred and twenty pounds', hit: null },
  { a: 'it costs £4,556,737,586', hit: null },
  { a: 'call me on 07700 900123', hit: null },
  { a: 'Four five five six.', hit: null },
  { a: 'the twelfth of March nineteen eighty five', hit: null },
  { a: 'my customer number is 4000056655665556', hit: null },
  { a: 'case 2223003122003222 is still open', hit: null },
  { a: 'Your reference is P Q seven seven.', hit: null },
];

const cvvCases: PiiCase[] = [
  { a: 'The security code is one two three.', hit: 'one two three' },
  { a: 'security code 456', hit: '456' },
  { a: 'the CVV is 789', hit: '789' },
  { a: 'CVC four five six', hit: 'four five six' },
  { a: 'the three digits on the back are nine nine nine', hit: 'nine nine nine' },
  { q: 'And the three digits on the back of the card?', a: 'Three one four.', hit: 'Three one four' },
  { q: 'What is the security code?', a: 'It is 321.', hit: '321' },
  { q: 'Can I take the CVV please?', a: 'seven oh seven', hit: 'seven oh seven' },
  { a: 'the 3 digits on the back: 852', hit: '852' },
  { a: 'Amex security number 1234', hit: '1234' },
  { a: 'cv2 is 007', hit: '007' },
  { a: 'card verification code 555', hit: '555' },
  { q: ASK, a: '4111 1111 1111 1111, 123', hit: '123' },
  { q: ASK, a: '4111 1111 1111 1111 and then 456', hit: '456' },
  { q: ASK, a: 'four one one one, one one one one, one one one one, one one one one. seven eight nine', hit: 'seven eight nine' },
  { q: ASK, a: '5555 5555 5555 4444 321', hit: '321' },
  { a: 'security code is double four six', hit: 'double four six' },
  { a: 'the security code, um, 246', hit: '246' },
  { q: 'Last thing, the security code on the back?', a: 'one one two', hit: 'one one two' },
  { a: 'CVV: 9876', hit: '9876' },
  // Negatives
  { a: 'the code is 123', hit: null },
  { a: 'I live at 123 the road', hit: null },
  { a: 'security code is 12', hit: null },
  { a: 'security code is 12345', hit: null },
  { a: 'security code? it cost 123 pounds', hit: null },
  { a: 'one two three', hit: null },
  { a: 'order 456', hit: null },
  { q: ASK, a: '4111 1111 1111 1111, expiry 0427', hit: null },
  { q: ASK, a: '4111 1111 1111 1111, valid until 1226', hit: null },
  { a: 'I called 3 times about 123 problems', hit: null },
  { a: 'room 404', hit: null },
  { a: 'the security team called me at 10', hit: null },
  { a: 'the back of the house is 20 metres', hit: null },
  { a: 'the CVV is missing', hit: null },
  { a: '555 is my favourite number', hit: null },
  { a: 'flight 747 was late', hit: null },
  { a: 'It was eighty four pounds', hit: null },
  { a: 'reference 999', hit: null },
  { a: 'Your reference is P Q seven seven.', hit: null },
  { a: 'in 2023 we moved', hit: null },
];

const bankCases: PiiCase[] = [
  { q: 'What is your bank account number?', a: '12345678', hit: '12345678' },
  { q: 'Which bank account should we refund?', a: 'account number one two three four five six seven eight', hit: 'one two three four five six seven eight' },
  { a: 'my sort code is 12-34-56 and account 87654321', hit: '87654321' },
  { a: 'for the direct debit the account number is 1234 5678', hit: '1234 5678' },
  { a: 'bank account 0012 3456', hit: '0012 3456' },
  { a: 'sort code 20 00 00, 55779911', hit: '55779911' },
  { a: 'building society account number 11223344', hit: '11223344' },
  { a: 'my checking account number is 123456789012', hit: '123456789012' },
  { a: 'savings account 9876543210', hit: '9876543210' },
  { a: 'IBAN GB82 WEST 1234 5698 7654 32', hit: 'GB82 WEST 1234 5698 7654 32' },
  { a: 'the iban is GB82WEST12345698765432', hit: 'GB82WEST12345698765432' },
  { q: 'Your bank details for the direct debit?', a: 'account number eight seven six five four three two one', hit: 'eight seven six five four three two one' },
  { a: 'Barclays bank, account 44556677', hit: '44556677' },
  { a: 'standing order from account 10203040', hit: '10203040' },
  { a: 'routing is fine, checking account 000123456', hit: '000123456' },
  { a: 'my bank account number: 31926819', hit: '31926819' },
  { a: 'direct debit from my account, number 7654 3210', hit: '7654 3210' },
  { a: 'sort code one two three four five six account one one two two three three four four', hit: 'one one two two three three four four' },
  { a: 'the bank sort code is 40-47-84, account number 70872490', hit: '70872490' },
  { a: 'account 12345678 at the bank', hit: null },
  // Negatives
  { a: 'the account number is four four seven one two', hit: null },
  { a: 'my account number is 12345678', hit: null },
  { a: 'customer account 87654321', hit: null },
  { a: 'bank holiday on the 12345678th', hit: null },
  { a: 'bank account 1234', hit: null },
  { a: 'bank account 123 456 789 012 345 678 9', hit: null },
  { a: 'I owe 12345678 pounds to the bank', hit: null },
  { a: 'IBAN GB00 WEST 1234 5698 7654 32', hit: null },
  { a: 'the meter number is 12345678', hit: null },
  { a: 'order 87654321', hit: null },
  { a: 'reference 11223344', hit: null },
  { a: 'phone me on 07700 900123', hit: null },
  { a: 'my savings are gone', hit: null },
  { a: 'checking 12', hit: null },
  { a: 'bank', hit: null },
  { a: 'sort it out', hit: null },
  { a: 'the bank charged 20 pounds', hit: null },
  { a: 'account balance 1234.56', hit: null },
  { a: 'the code GB82 is not valid', hit: null },
  { a: 'account number is eight digits long', hit: null },
];

const sortCodeCases: PiiCase[] = [
  { a: 'sort code 12-34-56', hit: '12-34-56' },
  { a: 'my sort code is 20 00 00', hit: '20 00 00' },
  { a: 'sort code one two three four five six', hit: 'one two three four five six' },
  { q: 'And the sort code?', a: '40-47-84', hit: '40-47-84' },
  { q: 'What is the sort code?', a: 'four oh, four seven, eight four', hit: 'four oh, four seven, eight four' },
  { a: 'sortcode 601613', hit: '601613' },
  { a: 'the sort-code is 30 96 34', hit: '30 96 34' },
  { a: 'sort code 12 34 56 and account 12345678', hit: '12 34 56' },
  { a: 'bank details: 11-22-33', hit: '11-22-33' },
  { a: 'the bank is 09-01-28', hit: '09-01-28' },
  { a: 'it is 77-91-00', hit: '77-91-00' },
  { q: 'Sort code please.', a: 'double two, double three, four four', hit: 'double two, double three, four four' },
  { a: 'sort code: 404784', hit: '404784' },
  { a: 'Sort Code 08-60-01', hit: '08-60-01' },
  { a: 'my sort code, 16 52 21', hit: '16 52 21' },
  { a: 'sort code is six oh one six one three', hit: 'six oh one six one three' },
  { q: 'Can you read me the sort code on the card?', a: '20 45 77', hit: '20 45 77' },
  { a: 'banking sort code 83-91-20', hit: '83-91-20' },
  { a: 'the sort code is 123456 thanks', hit: '123456' },
  { a: 'sort code twelve thirty four fifty six', hit: 'twelve thirty four fifty six' },
  // Negatives
  { a: 'sort code 1234', hit: null },
  { a: 'sort code 1234567', hit: null },
  { a: 'let me sort it out by 123456', hit: null },
  { a: 'the code is 12 34 56', hit: null },
  { a: 'order 123456', hit: null },
  { a: '12 34 56 is the reference', hit: null },
  { a: 'the date 12-03-1985', hit: null },
  { a: 'sort code is unknown', hit: null },
  { a: 'score 12 - 3', hit: null },
  { a: 'it was 123456 pounds', hit: null },
  { a: 'meter reading 654321', hit: null },
  { a: 'four five six', hit: null },
  { a: '12-34', hit: null },
  { a: 'call 0121 496 0000', hit: null },
  { a: 'the account number is four four seven one two', hit: null },
  { a: 'postcode SW1A 1AA', hit: null },
  { a: 'I have 12 34 or 56 things', hit: null },
  { a: 'version 1.2.3', hit: null },
  { a: 'twelve thirty four', hit: null },
  { a: 'it was the 12th of March', hit: null },
];

describe('PII: card numbers', () => {
  assertCaseCount(cardCases);
  runCases('card_number', cardCases);
});
describe('PII: CVV', () => {
  assertCaseCount(cvvCases);
  runCases('cvv', cvvCases);
});
describe('PII: bank accounts', () => {
  assertCaseCount(bankCases);
  runCases('bank_account', bankCases);
});
describe('PII: sort codes', () => {
  assertCaseCount(sortCodeCases);
  runCases('sort_code', sortCodeCases);
});

import { describe } from 'vitest';
import { assertCaseCount, runCases, type PiiCase } from './pii-helpers.js';

const DOB_Q = 'Can you confirm your full name and date of birth?';

const nationalIdCases: PiiCase[] = [
  { a: 'my national insurance number is AB 12 34 56 C', hit: 'AB 12 34 56 C' },
  { a: 'AB123456C', hit: 'AB123456C' },
  { a: 'it is JG 10 37 59 A', hit: 'JG 10 37 59 A' },
  { q: 'What is your national insurance number?', a: 'A B one two three four five six C', hit: 'A B one two three four five six C' },
  { q: 'And your NI number?', a: 'ce 12 34 56 d', hit: 'ce 12 34 56 d' },
  { a: 'NI number: PE 99 88 77 B', hit: 'PE 99 88 77 B' },
  { a: 'my number is HK 98 76 54 D thanks', hit: 'HK 98 76 54 D' },
  { a: 'national insurance W L 11 22 33 A', hit: 'W L 11 22 33 A' },
  { a: 'SZ 01 02 03 C', hit: 'SZ 01 02 03 C' },
  { a: 'my NI is TW 12 12 12 B', hit: 'TW 12 12 12 B' },
  { a: 'my social security number is 123-45-6789', hit: '123-45-6789' },
  { a: 'SSN 219-09-9999', hit: '219-09-9999' },
  { q: 'Can I have your social security number?', a: 'one two three four five six seven eight nine', hit: 'one two three four five six seven eight nine' },
  { a: 'social is 078 05 1120', hit: '078 05 1120' },
  { a: 'it is 536-22-1234 I think', hit: '536-22-1234' },
  { q: 'Last four of your social? Actually the full social.', a: '456 78 9012', hit: '456 78 9012' },
  { a: 'my SSN: 001-01-0001', hit: '001-01-0001' },
  { a: 'ssn 772 34 5678', hit: '772 34 5678' },
  { a: 'social security 123456789', hit: '123456789' },
  { a: 'the number is 665-12-3456', hit: '665-12-3456' },
  // Negatives
  { a: 'QQ 12 34 56 C', hit: null },
  { a: 'GB 12 34 56 A', hit: null },
  { a: 'DA 12 34 56 A', hit: null },
  { a: 'AB 12 34 56 E', hit: null },
  { a: 'AB 12 34 5 C', hit: null },
  { a: 'ab 12 34 56 c was the code', hit: null },
  { a: '123-45-67890', hit: null },
  { a: '000-12-3456', hit: null },
  { a: '666-12-3456', hit: null },
  { a: '900-12-3456', hit: null },
  { a: '123-00-4567', hit: null },
  { a: '123-45-0000', hit: null },
  { a: '123456789', hit: null },
  { a: '123 45 6789', hit: null },
  { a: 'the order is 123-456-789', hit: null },
  { a: 'my account number is 123456789', hit: null },
  { a: 'call 0121 496 0000', hit: null },
  { a: 'I was socialising on 12 March', hit: null },
  { a: 'national insurance is paid monthly', hit: null },
  { a: 'the postcode is S W one A', hit: null },
];

const dobCases: PiiCase[] = [
  { q: DOB_Q, a: 'Maria Lopez, twelfth of March nineteen eighty five.', hit: 'twelfth of March nineteen eighty five' },
  { q: DOB_Q, a: 'March the twelfth, nineteen eighty five', hit: 'March the twelfth, nineteen eighty five' },
  { q: DOB_Q, a: '12/03/1985', hit: '12/03/1985' },
  { q: DOB_Q, a: 'it is 03-12-85', hit: '03-12-85' },
  { q: 'What is your DOB?', a: 'first of January two thousand', hit: 'first of January two thousand' },
  { a: 'I was born on the 3rd of October 1990', hit: '3rd of October 1990' },
  { a: 'my birthday is the twenty first of June', hit: 'twenty first of June' },
  { q: 'And your date of birth please?', a: 'Sure. It is the thirty first of December nineteen ninety nine.', hit: 'thirty first of December nineteen ninety nine' },
  { a: 'born 1.2.1970', hit: '1.2.1970' },
  { q: DOB_Q, a: 'John Smith, May the fourth, nineteen seventy seven', hit: 'May the fourth, nineteen seventy seven' },
  { a: 'date of birth 12 March 1985', hit: '12 March 1985' },
  { q: DOB_Q, a: 'fifth of November', hit: 'fifth of November' },
  { a: 'my d o b is 30/06/2001', hit: '30/06/2001' },
  { a: '12 March 1985 is my date of birth', hit: '12 March 1985' },
  { q: 'To verify, what is your birth date?', a: 'twenty-second of February, nineteen sixty', hit: 'twenty-second of February, nineteen sixty' },
  { a: 'I was born on July 4th 1976', hit: 'July 4th 1976' },
  { q: DOB_Q, a: 'Ann Lee. Second of April, 1988.', hit: 'Second of April, 1988' },
  { q: DOB_Q, a: 'um, 7/7/77', hit: '7/7/77' },
  { a: 'DOB: 25.12.1950', hit: '25.12.1950' },
  { q: DOB_Q, a: 'the ninth of September two thousand and three', hit: 'ninth of September two thousand and three' },
  // Negatives: dates without birth context, or not dates at all.
  { a: 'I can see two payments of eighty four pounds on the third of October.', hit: null },
  { a: 'the bill from the 12th of March', hit: null },
  { a: 'my contract ends on 31/12/2025', hit: null },
  { a: 'it was born out of frustration', hit: null },
  { q: DOB_Q, a: 'I would rather not say', hit: null },
  { q: DOB_Q, a: 'nineteen eighty five', hit: null },
  { a: 'we moved in on the first of May', hit: null },
  { a: 'the engineer comes on Tuesday the fifth', hit: null },
  { a: 'born in 1985', hit: null },
  { a: 'the date is 13/13/2020 which is wrong', hit: null },
  { a: 'payment due 01/02/2024', hit: null },
  { a: 'the outage started on the second of March', hit: null },
  { a: 'October bill', hit: null },
  { a: 'March on', hit: null },
  { a: 'may the best team win', hit: null },
  { a: 'the first time I called', hit: null },
  { a: 'Your reference is P Q seven seven.', hit: null },
  { a: 'the 4th', hit: null },
  { a: 'version 1.2', hit: null },
  { a: 'the price went up on 1 April', hit: null },
];

const pinCases: PiiCase[] = [
  { q: 'What is your PIN?', a: '1234', hit: '1234' },
  { q: 'Can you tell me your PIN number?', a: 'four three two one', hit: 'four three two one' },
  { a: 'my pin is 9876', hit: '9876' },
  { q: 'Please enter or say your passcode.', a: 'one one two two three three', hit: 'one one two two three three' },
  { a: 'the passcode is 55555', hit: '55555' },
  { q: 'What is your security PIN?', a: 'double seven double eight', hit: 'double seven double eight' },
  { a: 'my memorable number is 2468', hit: '2468' },
  { q: 'The access code on your account please.', a: 'It is 8080.', hit: '8080' },
  { a: 'PIN: 0000', hit: '0000' },
  { q: 'Your four digit PIN?', a: 'zero nine one two', hit: 'zero nine one two' },
  { a: 'pass code 13579', hit: '13579' },
  { q: 'Could you confirm the PIN?', a: 'Yes, 4321.', hit: '4321' },
  { a: 'PIN number 246810', hit: '246810' },
  { q: 'What is the telephone banking code?', a: '1122', hit: '1122' },
  { q: 'What is your PIN?', a: 'seven oh seven oh', hit: 'seven oh seven oh' },
  { a: 'the pin, it is 3141', hit: '3141' },
  { q: 'Last, your PIN', a: 'erm 6060', hit: '6060' },
  { a: 'passcode one nine nine nine', hit: 'one nine nine nine' },
  { q: 'PIN please.', a: '8 8 8 8', hit: '8 8 8 8' },
  { a: 'my PIN code is 9090', hit: '9090' },
  // Negatives
  { a: '1234', hit: null },
  { a: 'my pin is 12', hit: null },
  { a: 'my pin is 1234567', hit: null },
  { a: 'I pinned it up, 1234 times', hit: null },
  { a: 'the spinning wheel 4444', hit: null },
  { q: 'What is your PIN?', a: 'I do not know it', hit: null },
  { a: 'pin it to 2000 pounds', hit: null },
  { a: 'order 5678', hit: null },
  { a: 'reference 4321', hit: null },
  { a: 'four three two one', hit: null },
  { a: 'in 2023 the price rose', hit: null },
  { a: 'room 1010', hit: null },
  { a: 'the account number is four four seven one two', hit: null },
  { a: 'my pinboard has 1234 notes on it, lots', hit: null },
  { a: 'the code is 9999', hit: null },
  { a: 'flight 1234', hit: null },
  { a: 'since 1999', hit: null },
  { a: 'Your reference is P Q seven seven.', hit: null },
  { a: 'I spent 2500 dollars', hit: null },
  { a: 'the postcode is S W one A', hit: null },
];

describe('PII: national ids', () => {
  assertCaseCount(nationalIdCases);
  runCases('national_id', nationalIdCases);
});
describe('PII: dates of birth', () => {
  assertCaseCount(dobCases);
  runCases('date_of_birth', dobCases);
});
describe('PII: PINs', () => {
  assertCaseCount(pinCases);
  runCases('pin', pinCases);
});

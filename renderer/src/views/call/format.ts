/** 75.4 → "1:15". */
export { clock } from '../../../../preload/contract/time-format.js';

export const roleLabel = (role: string, name: string | null) =>
  name ?? (role === 'agent' ? 'Agent' : role === 'customer' ? 'Customer' : 'Speaker');

export const answerLabel = (answer: string) => (answer === 'n/a' ? 'N/A' : answer === 'yes' ? 'Yes' : answer === 'no' ? 'No' : `${answer} / 5`);

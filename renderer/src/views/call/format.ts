/** 75.4 → "1:15". */
export function clock(sec: number): string {
  const s = Math.max(0, Math.floor(sec));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

export const roleLabel = (role: string, name: string | null) =>
  name ?? (role === 'agent' ? 'Agent' : role === 'customer' ? 'Customer' : 'Speaker');

export const answerLabel = (answer: string) => (answer === 'n/a' ? 'N/A' : answer === 'yes' ? 'Yes' : answer === 'no' ? 'No' : `${answer} / 5`);

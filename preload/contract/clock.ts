/** "1:05": a moment of a call as people read it, shared by the UI and the texts main writes (notifications, errors). */
export function clock(sec: number): string {
  const s = Math.max(0, Math.floor(sec));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

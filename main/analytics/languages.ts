/**
 * Providers name languages differently: ElevenLabs returns ISO 639-3 ("eng"), OpenAI's verbose JSON a
 * name ("english"), reviewers type ISO 639-1 ("en"). Each known language's spellings map to one key;
 * "en-GB" counts as "en". Unknown spellings compare as written (lower case).
 */
const SPELLINGS: readonly (readonly string[])[] = [
  ['en', 'eng', 'english'], ['es', 'spa', 'spanish', 'español', 'espanol'], ['fr', 'fra', 'fre', 'french', 'français', 'francais'],
  ['de', 'deu', 'ger', 'german', 'deutsch'], ['it', 'ita', 'italian', 'italiano'], ['pt', 'por', 'portuguese', 'português', 'portugues'],
  ['nl', 'nld', 'dut', 'dutch', 'nederlands'], ['pl', 'pol', 'polish', 'polski'], ['sv', 'swe', 'swedish', 'svenska'],
  ['da', 'dan', 'danish', 'dansk'], ['no', 'nor', 'nob', 'norwegian', 'norsk'], ['fi', 'fin', 'finnish', 'suomi'],
  ['ru', 'rus', 'russian'], ['uk', 'ukr', 'ukrainian'], ['tr', 'tur', 'turkish'], ['ar', 'ara', 'arabic'], ['hi', 'hin', 'hindi'],
  ['zh', 'zho', 'chi', 'cmn', 'chinese', 'mandarin'], ['ja', 'jpn', 'japanese'], ['ko', 'kor', 'korean'], ['cy', 'cym', 'wel', 'welsh'],
  ['ga', 'gle', 'irish'], ['ro', 'ron', 'rum', 'romanian'], ['cs', 'ces', 'cze', 'czech'], ['el', 'ell', 'gre', 'greek'], ['hu', 'hun', 'hungarian'],
];
const KEY = new Map(SPELLINGS.flatMap((names) => names.map((n) => [n, names[0]!] as const)));

export function languageKey(name: string): string {
  const lower = name.trim().toLowerCase();
  return KEY.get(lower) ?? KEY.get(lower.split(/[-_]/)[0]!) ?? lower;
}

export const sameLanguage = (a: string, b: string) => languageKey(a) === languageKey(b);

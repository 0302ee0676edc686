import type { SnippetPart } from '../../preload/contract/schemas/calls.js';
import type { AppDatabase, ReaderConnection, ReadStatement } from '../open.js';
import { StatementCache } from '../statement-cache.js';

/**
 * Full-text search over transcript segments (table `transcript_fts`, migration 0005). Triggers on
 * `transcripts` keep it current with the provider's text; the call projection writes the reviewer's
 * corrections over it. rowid = recordingId × 1,000,000 + segment index.
 */

export const ROWID_STRIDE = 1_000_000;
/**
 * Segment hits a list search reads at most (the newest ones): bounds the work of a common phrase on
 * 50,000 calls to a few ms. Up to this many calls can match; the list says when the cap was hit.
 */
export const SEARCH_HIT_CAP = 1_000;
const MAX_TOKENS = 12;
const MAX_TOKEN_LEN = 64;
/** Highlight markers: stripped from indexed text (migration 0005), so they only ever come from us. */
const OPEN = '\u0001';
const CLOSE = '\u0002';
/** Indexed text never contains the highlight markers. */
export const stripMarkers = (text: string) => text.replaceAll(OPEN, '').replaceAll(CLOSE, '');

/**
 * Turn anything a person types into a safe FTS5 query: the words (letters, digits, marks, as the
 * unicode61 tokenizer sees them) as ONE quoted phrase, with a prefix match on the last word while
 * they are still typing (no trailing space or closing quote). Everything FTS5 would read as syntax
 * (quotes, AND/OR/NOT/NEAR, `*`, `^`, `col:` filters, parentheses) is either dropped or ends up inside
 * the quoted phrase as a plain word. Returns null when nothing searchable is left.
 */
export function toFtsQuery(input: string): string | null {
  const text = input.normalize('NFKC');
  const tokens = (text.match(/[\p{L}\p{N}\p{M}]+/gu) ?? []).slice(0, MAX_TOKENS).map((t) => t.slice(0, MAX_TOKEN_LEN));
  if (!tokens.length) return null;
  const trimmed = text.trimEnd();
  const explicitPhrase = /^\s*["“].*["”]$/u.test(trimmed);
  const stillTyping = !explicitPhrase && trimmed === text && /[\p{L}\p{N}\p{M}]$/u.test(trimmed);
  // One-letter prefixes would expand to most of the vocabulary; the prefix index covers 2 and 3.
  const prefix = stillTyping && tokens[tokens.length - 1]!.length >= 2;
  return `"${tokens.join(' ')}"${prefix ? ' *' : ''}`;
}

/** Split FTS5 snippet() output (marked with \x01…\x02) into parts the UI renders as plain text. */
export function snippetParts(marked: string): SnippetPart[] {
  const parts: SnippetPart[] = [];
  let rest = marked;
  while (rest.length) {
    const open = rest.indexOf(OPEN);
    if (open < 0) {
      parts.push({ text: rest, hit: false });
      break;
    }
    if (open > 0) parts.push({ text: rest.slice(0, open), hit: false });
    const close = rest.indexOf(CLOSE, open + 1);
    const end = close < 0 ? rest.length : close;
    const hit = rest.slice(open + 1, end);
    if (hit) parts.push({ text: hit, hit: true });
    rest = close < 0 ? '' : rest.slice(close + 1);
  }
  // Neighbours of the same kind merge, so the UI gets alternating plain/hit parts.
  return parts.reduce<SnippetPart[]>((out, p) => {
    const last = out[out.length - 1];
    if (last && last.hit === p.hit) last.text += p.text;
    else out.push({ ...p });
    return out;
  }, []);
}

export interface SegmentHit {
  recordingId: number;
  startSec: number | null;
  role: string | null;
  snippet: SnippetPart[];
}

export class FtsDao {
  private readonly stmts = new StatementCache();
  constructor(private readonly db: AppDatabase) {}

  private prepare(conn: ReaderConnection, sql: string): ReadStatement {
    return this.stmts.read(conn, sql);
  }

  /** Top segment hits, best (bm25) first, at most `limit`: the search box's "top 50". */
  top(query: string, limit: number): SegmentHit[] {
    const match = toFtsQuery(query);
    if (!match) return [];
    return this.db.timed('fts.top', () =>
      (
        this.prepare(
          this.db.reader(),
          `SELECT recording_id AS recordingId, start_sec AS startSec, role,
                  snippet(transcript_fts, 0, char(1), char(2), '…', 16) AS marked
           FROM transcript_fts WHERE transcript_fts MATCH @match ORDER BY rank LIMIT @limit`,
        ).all({ match, limit }) as { recordingId: number; startSec: number | null; role: string | null; marked: string }[]
      ).map((r) => ({ recordingId: r.recordingId, startSec: r.startSec, role: r.role, snippet: snippetParts(r.marked) })),
    );
  }
}

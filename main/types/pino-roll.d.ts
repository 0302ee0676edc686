// pino-roll ships no types; this is the part of its API we use (see its README).
declare module 'pino-roll' {
  import type { DestinationStream } from 'pino';
  interface RollOptions {
    file: string | (() => string);
    size?: string | number;
    frequency?: string | number;
    extension?: string;
    mkdir?: boolean;
    limit?: { count: number; removeOtherLogFiles?: boolean };
    symlink?: boolean;
  }
  export default function roll(options: RollOptions): Promise<DestinationStream & { flushSync?: () => void; end(): void }>;
}

import { describe, expect, it } from 'vitest';
import { sniffBuffer } from '../../../main/audio/sniff.js';
import { entropyBitsPerByte, mpegFrameLength } from '../../../main/audio/sniff-signatures.js';

const b = (s: string): Buffer => Buffer.from(s, 'latin1');
const hex = (h: string): Buffer => Buffer.from(h.replace(/\s/g, ''), 'hex');

describe('sniffBuffer', () => {
  it('recognises audio containers by their first bytes', () => {
    expect(sniffBuffer(b('RIFF\0\0\0\0WAVEfmt '))).toMatchObject({ kind: 'audio', container: 'wav', variant: null });
    expect(sniffBuffer(b('RF64\xff\xff\xff\xffWAVEds64'))).toMatchObject({ container: 'wav', variant: 'rf64' });
    expect(sniffBuffer(b('ID3\x04\0\0\0\0\0\x10'))).toMatchObject({ container: 'mp3' });
    expect(sniffBuffer(b('\0\0\0\x20ftypM4A \0\0\0\0'))).toMatchObject({ container: 'mp4', variant: 'M4A' });
    expect(sniffBuffer(b('\0\0\0\x14ftypqt  \0\0\0\0'))).toMatchObject({ container: 'mp4', variant: 'qt' });
    expect(sniffBuffer(b('\0\0\0\x14ftyp3gp4\0\0\0\0'))).toMatchObject({ container: 'mp4', variant: '3gp4' });
    expect(sniffBuffer(b('fLaC\0\0\0\x22'))).toMatchObject({ container: 'flac' });
    expect(sniffBuffer(b('#!AMR\n<garbage>'))).toMatchObject({ container: 'amr', variant: 'amr-nb' });
    expect(sniffBuffer(b('caff\0\x01\0\0'))).toMatchObject({ container: 'caf' });
    expect(sniffBuffer(b('FORM\0\0\0\0AIFFCOMM'))).toMatchObject({ container: 'aiff' });
    expect(sniffBuffer(hex('1a45dfa3 9f 4282 847765626d'))).toMatchObject({ container: 'webm' });
    expect(sniffBuffer(hex('1a45dfa3 a3 4282 886d6174726f736b61'))).toMatchObject({ container: 'matroska' });
  });

  it('reads the codec out of an Ogg first page', () => {
    const page = (packet: string): Buffer => Buffer.concat([b('OggS'), Buffer.alloc(22), Buffer.from([1, packet.length]), b(packet)]);
    expect(sniffBuffer(page('OpusHead\x01\x02'))).toMatchObject({ container: 'ogg', variant: 'opus' });
    expect(sniffBuffer(page('\x01vorbis\0\0'))).toMatchObject({ container: 'ogg', variant: 'vorbis' });
  });

  it('accepts MPEG and ADTS frame sync only when a second frame follows', () => {
    // MPEG-1 layer III, 128 kbit/s, 44.1 kHz, no padding: 417-byte frames.
    const frame = Buffer.concat([hex('fffb9000'), Buffer.alloc(413)]);
    expect(mpegFrameLength(frame, 0)).toBe(417);
    expect(sniffBuffer(Buffer.concat([frame, frame, frame]))).toMatchObject({ container: 'mp3', variant: null });
    const lone = Buffer.concat([hex('fffb9000'), Buffer.alloc(2000, 0x55)]);
    expect(sniffBuffer(lone).kind).not.toBe('audio');
    // ADTS: 0xFFF1, frame length 9 bytes (7 header + 2 payload).
    const adts = hex('fff15080013ffc0000');
    expect(sniffBuffer(Buffer.concat([adts, adts, adts]))).toMatchObject({ container: 'aac', variant: 'adts' });
  });

  it('names non-audio files the way a reviewer knows them', () => {
    expect(sniffBuffer(b(''))).toEqual({ kind: 'empty' });
    expect(sniffBuffer(b('%PDF-1.4'))).toEqual({ kind: 'not_audio', what: 'a PDF document' });
    expect(sniffBuffer(b('id,name\n1,a\n2,b\n'))).toMatchObject({ what: 'a CSV/spreadsheet text file' });
    expect(sniffBuffer(b('  {"a": 1}'))).toMatchObject({ what: 'a JSON file' });
    expect(sniffBuffer(b('<html><body>'))).toMatchObject({ what: 'an HTML page' });
    expect(sniffBuffer(b('<?xml version="1.0"?>'))).toMatchObject({ what: 'an XML file' });
    expect(sniffBuffer(Buffer.from('Grüße aus Köln, Anruf notiert.\n'))).toMatchObject({ what: 'a text file' });
    expect(sniffBuffer(hex('89504e470d0a1a0a'))).toMatchObject({ what: 'a PNG image' });
    expect(sniffBuffer(b('GIF89a\x01\0'))).toMatchObject({ what: 'a GIF image' });
    expect(sniffBuffer(b('RIFF\0\0\0\0WEBPVP8 '))).toMatchObject({ what: 'a WebP image' });
    expect(sniffBuffer(b('\0\0\0\x18ftypheic\0\0\0\0'))).toMatchObject({ what: 'a HEIC/AVIF image' });
    expect(sniffBuffer(b('PK\x03\x04\0\0word/document.xml'))).toMatchObject({ what: expect.stringMatching(/Office/) });
    expect(sniffBuffer(hex('d0cf11e0a1b11ae1'))).toMatchObject({ what: expect.stringMatching(/old-style Office/) });
  });

  it('flags high-entropy unknown bytes as random-looking', () => {
    let x = 12345;
    const rnd = Buffer.alloc(8192);
    for (let i = 0; i < rnd.length; i++) rnd[i] = ((x = (x * 1103515245 + 12345) >>> 0) >>> 16) & 0xff;
    rnd[0] = 0x00; // make sure no signature can match by chance
    expect(entropyBitsPerByte(rnd)).toBeGreaterThan(7.5);
    expect(sniffBuffer(rnd)).toEqual({ kind: 'unrecognised', looksRandom: true });
    expect(sniffBuffer(Buffer.alloc(4096, 0))).toEqual({ kind: 'unrecognised', looksRandom: false });
  });
});
